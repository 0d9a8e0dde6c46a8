import { isHeld, rollbackSteps } from './releaseLine';

const gate = (status: string) => ({
  kind: 'APPROVAL' as const,
  when: 'BEFORE' as const,
  status: status as never,
  message: null,
});
const step = (name: string, status: string, commitSha: string | null = null) => ({
  environment: { id: name, name, kind: 'NON_PROD' as const, position: 1 },
  status: status as never,
  commitSha,
});

describe('line control in the release view', () => {
  it('calls a suspended step with a message and no waiting gate held', () => {
    expect(
      isHeld({ status: 'SUSPENDED', message: 'Frozen by window year-end until 2027-01-04T08:00Z', gates: [] }),
    ).toBe(true);
    expect(isHeld({ status: 'SUSPENDED', message: 'qa is paused by admin: incident', gates: [gate('PASSED')] })).toBe(
      true,
    );
  });

  it('does not call a step waiting for its approval, a running step or a silent one held', () => {
    expect(isHeld({ status: 'SUSPENDED', message: 'Waiting for 2 more approvals', gates: [gate('SUSPENDED')] })).toBe(
      false,
    );
    expect(isHeld({ status: 'RUNNING', message: 'Committing', gates: [] })).toBe(false);
    expect(isHeld({ status: 'SUSPENDED', message: null, gates: [] })).toBe(false);
  });

  it('offers a rollback to each step that committed and succeeded, never to the trigger step', () => {
    const steps = [
      step('dev', 'SUCCEEDED', 'aaa'),
      step('qa', 'SUCCEEDED', 'bbb'),
      step('prod', 'FAILED', 'ccc'),
      step('stage', 'SUCCEEDED', null),
    ];
    expect(rollbackSteps(steps, 'dev').map((s) => s.environment.name)).toEqual(['qa']);
    expect(rollbackSteps(steps, null).map((s) => s.environment.name)).toEqual(['dev', 'qa']);
  });
});
