import { resumable, type StreamHandlers, type Timer } from './resumable';

interface Ev {
  cursor: string;
}

/** A fake server stream: records each open with its cursor and lets the test push events and drops. */
function fakeServer() {
  const opens: Array<{ after: string | null; handlers: StreamHandlers<Ev>; closed: boolean }> = [];
  return {
    opens,
    open(after: string | null, handlers: StreamHandlers<Ev>) {
      const entry = { after, handlers, closed: false };
      opens.push(entry);
      return () => {
        entry.closed = true;
      };
    },
    current() {
      return opens[opens.length - 1];
    },
  };
}

function manualTimer() {
  const pending: Array<{ run: () => void; ms: number }> = [];
  const timer: Timer = {
    set(run, ms) {
      const entry = { run, ms };
      pending.push(entry);
      return entry;
    },
    clear(handle) {
      const i = pending.indexOf(handle as never);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  return { timer, pending, fire: () => pending.splice(0).forEach((p) => p.run()) };
}

describe('a resumable subscription', () => {
  it('resumes from the last cursor after the connection drops', () => {
    const server = fakeServer();
    const clock = manualTimer();
    const got: string[] = [];
    resumable<Ev>({
      open: server.open,
      cursorOf: (e) => e.cursor,
      onEvent: (e) => got.push(e.cursor),
      timer: clock.timer,
    });

    expect(server.current().after).toBeNull();
    server.current().handlers.next({ cursor: 'c1' });
    server.current().handlers.next({ cursor: 'c2' });
    server.current().handlers.error(new Error('socket closed'));
    expect(clock.pending).toHaveLength(1);
    clock.fire();

    expect(server.opens).toHaveLength(2);
    expect(server.current().after).toBe('c2');
    server.current().handlers.next({ cursor: 'c3' });
    expect(got).toEqual(['c1', 'c2', 'c3']);
  });

  it('drops events it has already seen when a replay overlaps', () => {
    const server = fakeServer();
    const clock = manualTimer();
    const got: string[] = [];
    resumable<Ev>({
      open: server.open,
      cursorOf: (e) => e.cursor,
      onEvent: (e) => got.push(e.cursor),
      timer: clock.timer,
    });
    server.current().handlers.next({ cursor: 'c1' });
    server.current().handlers.error(new Error('drop'));
    clock.fire();
    server.current().handlers.next({ cursor: 'c1' });
    server.current().handlers.next({ cursor: 'c2' });
    expect(got).toEqual(['c1', 'c2']);
  });

  it('starts from a given cursor and backs off longer on each failed attempt', () => {
    const server = fakeServer();
    const clock = manualTimer();
    resumable<Ev>({
      open: server.open,
      cursorOf: (e) => e.cursor,
      onEvent: () => {},
      timer: clock.timer,
      after: 'c9',
      retryDelayMs: (attempt) => (attempt + 1) * 100,
    });
    expect(server.current().after).toBe('c9');
    server.current().handlers.error(new Error('drop'));
    expect(clock.pending[0].ms).toBe(100);
    clock.fire();
    server.current().handlers.error(new Error('drop'));
    expect(clock.pending[0].ms).toBe(200);
    clock.fire();
    expect(server.current().after).toBe('c9');
  });

  it('tells the caller when it reopens with no cursor, since it may have missed something', () => {
    const server = fakeServer();
    const clock = manualTimer();
    const reopened = vi.fn();
    resumable<Ev>({
      open: server.open,
      cursorOf: (e) => e.cursor,
      onEvent: () => {},
      timer: clock.timer,
      onReopenWithoutCursor: reopened,
    });
    server.current().handlers.error(new Error('drop'));
    clock.fire();
    expect(reopened).toHaveBeenCalledTimes(1);
  });

  it('does not retry a fatal error and reports it', () => {
    const server = fakeServer();
    const clock = manualTimer();
    const states: string[] = [];
    resumable<Ev>({
      open: server.open,
      cursorOf: (e) => e.cursor,
      onEvent: () => {},
      timer: clock.timer,
      isFatal: () => true,
      onState: (s) => states.push(s),
    });
    server.current().handlers.error(new Error('bad cursor'));
    expect(clock.pending).toHaveLength(0);
    expect(states).toEqual(['live', 'failed']);
  });

  it('reports completion once and does not reopen', () => {
    const server = fakeServer();
    const clock = manualTimer();
    const completed = vi.fn();
    resumable<Ev>({
      open: server.open,
      cursorOf: (e) => e.cursor,
      onEvent: () => {},
      timer: clock.timer,
      onComplete: completed,
    });
    server.current().handlers.complete();
    server.current().handlers.complete();
    server.current().handlers.error(new Error('late'));
    expect(completed).toHaveBeenCalledTimes(1);
    expect(clock.pending).toHaveLength(0);
    expect(server.opens).toHaveLength(1);
  });

  it('stops cleanly: closes the stream and cancels a pending retry', () => {
    const server = fakeServer();
    const clock = manualTimer();
    const sub = resumable<Ev>({ open: server.open, cursorOf: (e) => e.cursor, onEvent: () => {}, timer: clock.timer });
    server.current().handlers.error(new Error('drop'));
    sub.stop();
    expect(clock.pending).toHaveLength(0);

    const server2 = fakeServer();
    const sub2 = resumable<Ev>({
      open: server2.open,
      cursorOf: (e) => e.cursor,
      onEvent: () => {},
      timer: clock.timer,
    });
    sub2.stop();
    expect(server2.current().closed).toBe(true);
  });
});
