import type { CombinedError } from '@urql/core';
import { describeError } from '../api/errors';
import type { ReleaseFieldsFragment, Role } from '../gql/graphql';
import type { Tone } from './status';

type Step = ReleaseFieldsFragment['steps'][number];
export type ReleaseGateView = Step['gates'][number];
export type ApprovalView = Step['approvals'][number];

const KIND_LABELS: Record<string, string> = {
  ARGOCD: 'Argo CD',
  HTTP: 'HTTP check',
  APPROVAL: 'Approval',
  SOAK: 'Soak',
};

const GATE_TONES: Record<string, Tone> = {
  PENDING: 'idle',
  RUNNING: 'active',
  SUSPENDED: 'attention',
  PASSED: 'success',
  FAILED: 'danger',
};

const GATE_ICONS: Record<string, string> = {
  PENDING: '○',
  RUNNING: '◔',
  SUSPENDED: '‖',
  PASSED: '✓',
  FAILED: '✕',
};

/** "APPROVAL" -> "Approval", "ARGOCD" -> "Argo CD"; a kind from a newer server is shown as it comes. */
export function gateKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** Where a gate runs, in words: before or after the step's commit. */
export function gateWhenLabel(when: string): string {
  return when === 'BEFORE' ? 'before the action' : 'after the action';
}

/** A gate's status in words: "Waiting for a person" reads better than "Suspended" on a gate. */
export function gateStatusLabel(status: string): string {
  switch (status) {
    case 'PENDING':
      return 'Not started';
    case 'RUNNING':
      return 'Checking';
    case 'SUSPENDED':
      return 'Waiting for a person';
    case 'PASSED':
      return 'Passed';
    case 'FAILED':
      return 'Failed';
    default:
      return status;
  }
}

export function gateTone(status: string): Tone {
  return GATE_TONES[status] ?? 'idle';
}

export function gateIcon(status: string): string {
  return GATE_ICONS[status] ?? '?';
}

/**
 * Whether the signed-in token is offered Approve / Reject on a step: the step waits for a person (SUSPENDED, with
 * an APPROVAL gate waiting) and the token is a PROMOTER or an ADMIN. A VIEWER never is. Whether this particular
 * person may answer (not the initiator, not twice) is the server's to say: its refusal is shown by the control.
 */
export function mayAnswer(role: Role | null | undefined, step: Pick<Step, 'status' | 'gates'>): boolean {
  if (role !== 'PROMOTER' && role !== 'ADMIN') return false;
  return step.status === 'SUSPENDED' && step.gates.some((g) => g.kind === 'APPROVAL' && g.status === 'SUSPENDED');
}

/** Steps worth a section of their own under the graph: those with gates or with answers given. */
export function stepsWithGates<T extends { gates: readonly unknown[]; approvals: readonly unknown[] }>(
  steps: readonly T[],
): T[] {
  return steps.filter((s) => s.gates.length > 0 || s.approvals.length > 0);
}

/** An answer in words: "promoter-a approved: looks good" / "promoter-b rejected". */
export function approvalSentence(approval: Pick<ApprovalView, 'by' | 'approved' | 'comment'>): string {
  const verb = approval.approved ? 'approved' : 'rejected';
  const comment = approval.comment?.trim();
  return comment ? `${approval.by} ${verb}: ${comment}` : `${approval.by} ${verb}`;
}

/**
 * Why an answer was refused, as the server says it (e.g. "admin started this release, and this step must be
 * approved by someone else"); the generic words only when the server said nothing a person can read.
 */
export function answerError(error: CombinedError | Error | null | undefined): string {
  if (!error) return '';
  const combined = error as Partial<CombinedError>;
  const messages = [...new Set((combined.graphQLErrors ?? []).map((g) => g.message).filter(Boolean))];
  return messages.length ? messages.join(' ') : describeError(error);
}
