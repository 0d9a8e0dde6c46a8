/**
 * A subscription that survives dropped connections: every event's cursor is remembered, and after a network
 * error the stream is opened again with `after` set to the last cursor, so the server replays what was missed.
 * Events seen twice (a replay overlapping what already arrived) are dropped, so consumers see each event once.
 */

export interface StreamHandlers<E> {
  next(event: E): void;
  error(error: unknown): void;
  complete(): void;
}

/** Opens the stream from a cursor (null: from now on) and returns a function that closes it. */
export type OpenStream<E> = (after: string | null, handlers: StreamHandlers<E>) => () => void;

export type StreamState = 'live' | 'reconnecting' | 'ended' | 'failed';

export interface Timer {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ResumableOptions<E> {
  open: OpenStream<E>;
  cursorOf(event: E): string;
  onEvent(event: E): void;
  /** The server ended the stream (a release-filtered stream ends once the release is terminal). */
  onComplete?(): void;
  /** Reopened without a cursor: nothing arrived before the drop, so whatever the caller shows may be stale. */
  onReopenWithoutCursor?(): void;
  onState?(state: StreamState, error?: unknown): void;
  /** Errors that no retry can fix (a GraphQL error, a refused token). Default: none. */
  isFatal?(error: unknown): boolean;
  retryDelayMs?(attempt: number): number;
  timer?: Timer;
  after?: string | null;
}

export interface Resumable {
  stop(): void;
  lastCursor(): string | null;
}

export function backoff(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 15_000);
}

const realTimer: Timer = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function resumable<E>(options: ResumableOptions<E>): Resumable {
  const timer = options.timer ?? realTimer;
  const delay = options.retryDelayMs ?? backoff;
  const seen = new Set<string>();
  let last: string | null = options.after ?? null;
  let attempt = 0;
  let stopped = false;
  let close: (() => void) | null = null;
  let retryHandle: unknown = null;

  function open() {
    let finished = false;
    const finish = () => {
      const wasFinished = finished;
      finished = true;
      return !wasFinished && !stopped;
    };
    close = options.open(last, {
      next(event) {
        if (finished || stopped) return;
        const cursor = options.cursorOf(event);
        if (seen.has(cursor)) return;
        seen.add(cursor);
        last = cursor;
        attempt = 0;
        options.onState?.('live');
        options.onEvent(event);
      },
      error(error) {
        if (!finish()) return;
        close = null;
        if (options.isFatal?.(error)) {
          options.onState?.('failed', error);
          return;
        }
        options.onState?.('reconnecting', error);
        const wait = delay(attempt);
        attempt += 1;
        retryHandle = timer.set(() => {
          retryHandle = null;
          if (stopped) return;
          if (last == null) options.onReopenWithoutCursor?.();
          open();
        }, wait);
      },
      complete() {
        if (!finish()) return;
        close = null;
        options.onState?.('ended');
        options.onComplete?.();
      },
    });
  }

  options.onState?.('live');
  open();

  return {
    stop() {
      stopped = true;
      if (retryHandle != null) timer.clear(retryHandle);
      close?.();
      close = null;
    },
    lastCursor: () => last,
  };
}
