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
    gates: [],
    approvals: [],
    pullRequest: null,
  };
}

function gated(
  base: Step,
  gates: Step['gates'],
  approvals: Step['approvals'] = [],
  status: string = base.status,
): Step {
  return { ...base, status: status as Step['status'], gates, approvals };
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

  it("refreshes a waiting step's gates and approvals from each event, though the step's status stays the same", () => {
    const waiting = (message: string, approvals: Step['approvals']) =>
      release('SUSPENDED', [
        step('qa', 'SUCCEEDED'),
        gated(
          step('prod', 'SUSPENDED', ['qa']),
          [{ kind: 'APPROVAL', when: 'BEFORE', status: 'SUSPENDED', message }],
          approvals,
        ),
      ]);
    let state = withSnapshot(emptyLive, waiting('Waiting for 2 more approvals (a PROMOTER or an ADMIN)', []));
    state = foldEvent(
      state,
      event(
        '7',
        'prod',
        'SUSPENDED',
        waiting('Waiting for 1 more approval (a PROMOTER or an ADMIN); approved by alice', [
          { by: 'alice', approved: true, comment: 'ship it', at: '2026-11-27T13:00:02Z' },
        ]),
      ),
    );
    const prod = state.release?.steps.find((s) => s.environment.name === 'prod');
    expect(prod?.status).toBe('SUSPENDED');
    expect(prod?.gates[0].message).toBe('Waiting for 1 more approval (a PROMOTER or an ADMIN); approved by alice');
    expect(prod?.approvals.map((a) => `${a.by}:${a.comment}`)).toEqual(['alice:ship it']);
  });

  it('shows a gate passing as the step moves on after its approvals', () => {
    const approvals = [
      { by: 'alice', approved: true, comment: null, at: '2026-11-27T13:00:02Z' },
      { by: 'bob', approved: true, comment: null, at: '2026-11-27T13:00:03Z' },
    ];
    const before = release('SUSPENDED', [
      gated(step('prod', 'SUSPENDED'), [{ kind: 'APPROVAL', when: 'BEFORE', status: 'SUSPENDED', message: null }]),
    ]);
    const after = release('RUNNING', [
      gated(
        step('prod', 'RUNNING'),
        [{ kind: 'APPROVAL', when: 'BEFORE', status: 'PASSED', message: 'Approved by alice and bob' }],
        approvals,
      ),
    ]);
    const state = foldEvent(withSnapshot(emptyLive, before), event('8', 'prod', 'RUNNING', after));
    const prod = state.release?.steps[0];
    expect(prod?.status).toBe('RUNNING');
    expect(prod?.gates.map((g) => `${g.kind}:${g.status}`)).toEqual(['APPROVAL:PASSED']);
    expect(prod?.approvals).toHaveLength(2);
  });
});
