import type { ReleaseFieldsFragment } from '../gql/graphql';
import { emptyLive, foldEvent, stepsInRunOrder, withSnapshot, type ReleaseEvent } from './releaseState';

type Step = ReleaseFieldsFragment['steps'][number];

function step(name: string, status: string, dependsOn: string[] = []): Step {
  return {
    environment: { id: name, name, kind: name === 'prod' ? 'PROD' : 'NON_PROD', position: 0 },
    application: null,
    dependsOn: dependsOn.map((d) => ({ id: d, name: d })),
    action: 'COMMIT',
    status: status as Step['status'],
    message: null,
    commitSha: null,
    version: null,
    attempt: 1,
    startedAt: null,
    finishedAt: null,
  };
}

function release(status: string, steps: Step[], id = 'r1'): ReleaseFieldsFragment {
  return {
    id,
    status: status as ReleaseFieldsFragment['status'],
    message: null,
    version: '1.2.0',
    sourceCommit: 'abc',
    promotionFlowName: 'multi-env-sequential-promotion',
    triggeredBy: 'admin',
    createdAt: '2026-11-27T13:00:00Z',
    startedAt: null,
    finishedAt: null,
    product: { id: 'p', name: 'demo-trioapp' },
    promotionFlow: { id: 'f', name: 'multi-env-sequential-promotion' },
    sourceApplication: null,
    steps,
  };
}

function event(
  cursor: string,
  environment: string | null,
  status: string,
  snapshot: ReleaseFieldsFragment,
): ReleaseEvent {
  return {
    cursor,
    at: '2026-11-27T13:00:01Z',
    environment: environment ? { id: environment, name: environment } : null,
    status,
    previousStatus: null,
    message: null,
    release: snapshot,
  };
}

const statuses = (r: ReleaseFieldsFragment | null) => r?.steps.map((s) => `${s.environment.name}:${s.status}`);

describe('folding release events', () => {
  it('moves a sequential release through dev, qa and prod', () => {
    let state = withSnapshot(
      emptyLive,
      release('RUNNING', [step('dev', 'SUCCEEDED'), step('qa', 'PENDING', ['dev']), step('prod', 'PENDING', ['qa'])]),
    );
    state = foldEvent(
      state,
      event(
        '1',
        'qa',
        'RUNNING',
        release('RUNNING', [step('dev', 'SUCCEEDED'), step('qa', 'RUNNING'), step('prod', 'PENDING')]),
      ),
    );
    state = foldEvent(
      state,
      event(
        '2',
        'qa',
        'SUCCEEDED',
        release('RUNNING', [step('dev', 'SUCCEEDED'), step('qa', 'SUCCEEDED'), step('prod', 'PENDING')]),
      ),
    );
    state = foldEvent(
      state,
      event(
        '3',
        'prod',
        'SUCCEEDED',
        release('RUNNING', [step('dev', 'SUCCEEDED'), step('qa', 'SUCCEEDED'), step('prod', 'SUCCEEDED')]),
      ),
    );
    state = foldEvent(
      state,
      event(
        '4',
        null,
        'SUCCEEDED',
        release('SUCCEEDED', [step('dev', 'SUCCEEDED'), step('qa', 'SUCCEEDED'), step('prod', 'SUCCEEDED')]),
      ),
    );
    expect(statuses(state.release)).toEqual(['dev:SUCCEEDED', 'qa:SUCCEEDED', 'prod:SUCCEEDED']);
    expect(state.release?.status).toBe('SUCCEEDED');
    expect(state.lastCursor).toBe('4');
    expect(state.timeline.map((t) => `${t.environment ?? 'release'}:${t.status}`)).toEqual([
      'qa:RUNNING',
      'qa:SUCCEEDED',
      'prod:SUCCEEDED',
      'release:SUCCEEDED',
    ]);
  });

  it('lays the event over a snapshot that was read a moment before the transition', () => {
    const stale = release('RUNNING', [step('dev', 'SUCCEEDED'), step('qa', 'RUNNING')]);
    const state = foldEvent(emptyLive, event('5', 'qa', 'SUCCEEDED', stale));
    expect(statuses(state.release)).toEqual(['dev:SUCCEEDED', 'qa:SUCCEEDED']);
  });

  it('never moves a newer snapshot back when an old event is replayed', () => {
    const fresh = release('SUCCEEDED', [step('dev', 'SUCCEEDED'), step('qa', 'SUCCEEDED')]);
    const state = foldEvent(emptyLive, event('1', 'qa', 'RUNNING', fresh));
    expect(statuses(state.release)).toEqual(['dev:SUCCEEDED', 'qa:SUCCEEDED']);
    expect(state.release?.status).toBe('SUCCEEDED');
  });

  it('ignores an event it has already folded', () => {
    const snap = release('RUNNING', [step('qa', 'RUNNING')]);
    const once = foldEvent(emptyLive, event('1', 'qa', 'RUNNING', snap));
    expect(foldEvent(once, event('1', 'qa', 'RUNNING', snap))).toBe(once);
  });

  it('ignores events of another release', () => {
    const state = withSnapshot(emptyLive, release('RUNNING', [step('qa', 'RUNNING')], 'r1'));
    const other = foldEvent(state, event('1', 'qa', 'FAILED', release('FAILED', [step('qa', 'FAILED')], 'r2')));
    expect(other).toBe(state);
  });

  it('takes a retried release back to running from the snapshot the retry returns', () => {
    let state = withSnapshot(emptyLive, release('FAILED', [step('dev', 'SUCCEEDED'), step('qa', 'FAILED')]));
    state = withSnapshot(state, release('RUNNING', [step('dev', 'SUCCEEDED'), step('qa', 'RUNNING')]));
    expect(state.release?.status).toBe('RUNNING');
    expect(statuses(state.release)).toEqual(['dev:SUCCEEDED', 'qa:RUNNING']);
  });

  it('orders steps so each comes after what it depends on', () => {
    const steps = [
      step('prod', 'PENDING', ['qa', 'staging']),
      step('qa', 'PENDING', ['dev']),
      step('dev', 'SUCCEEDED'),
      step('staging', 'PENDING', ['dev']),
    ];
    expect(stepsInRunOrder(steps).map((s) => s.environment.name)).toEqual(['dev', 'qa', 'staging', 'prod']);
  });
});
