import type { ReleaseFieldsFragment } from '../gql/graphql';

type Step = ReleaseFieldsFragment['steps'][number];

/**
 * A step held by line control (a freeze window, a paused environment, a pinned application): SUSPENDED before
 * its action with a message naming what holds it, and not waiting on one of its own gates (an approval).
 */
export function isHeld(step: Pick<Step, 'status' | 'message' | 'gates'>): boolean {
  return step.status === 'SUSPENDED' && !!step.message && !step.gates.some((g) => g.status === 'SUSPENDED');
}

/**
 * Steps a release view offers "Roll back to this" for: those that committed into their application and
 * succeeded. A flow's trigger step only records the source, so it is never one.
 */
export function rollbackSteps<S extends Pick<Step, 'status' | 'commitSha' | 'environment'>>(
  steps: readonly S[],
  triggerName: string | null,
): S[] {
  return steps.filter((s) => s.status === 'SUCCEEDED' && !!s.commitSha && s.environment.name !== triggerName);
}
