import type { ReleaseStatus, StepStatus } from '../gql/graphql';

/** What a status means to a person looking at a screen. */
/** `attention`: waiting for a person (SUSPENDED), set apart from waiting in a queue, because someone has to act. */
export type Tone = 'success' | 'active' | 'waiting' | 'attention' | 'danger' | 'stopped' | 'idle';

export type AnyStatus = ReleaseStatus | StepStatus;

const TERMINAL_RELEASE: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'TERMINATED']);

const TONES: Record<AnyStatus, Tone> = {
  QUEUED: 'waiting',
  PENDING: 'idle',
  RUNNING: 'active',
  SUSPENDED: 'attention',
  SUCCEEDED: 'success',
  FAILED: 'danger',
  TERMINATED: 'stopped',
  SKIPPED: 'idle',
};

const ICONS: Record<AnyStatus, string> = {
  QUEUED: '⧗',
  PENDING: '○',
  RUNNING: '◔',
  SUSPENDED: '‖',
  SUCCEEDED: '✓',
  FAILED: '✕',
  TERMINATED: '■',
  SKIPPED: '⤼',
};

export function isKnownStatus(status: string): status is AnyStatus {
  return Object.prototype.hasOwnProperty.call(TONES, status);
}

/** "SUCCEEDED" -> "Succeeded". Unknown statuses (a newer server) are shown as they come. */
export function statusLabel(status: string | null | undefined): string {
  if (!status) return 'Unknown';
  return status.charAt(0) + status.slice(1).toLowerCase();
}

export function statusTone(status: string | null | undefined): Tone {
  return status && isKnownStatus(status) ? TONES[status] : 'idle';
}

export function statusIcon(status: string | null | undefined): string {
  return status && isKnownStatus(status) ? ICONS[status] : '?';
}

export function isTerminalRelease(status: string | null | undefined): boolean {
  return !!status && TERMINAL_RELEASE.has(status);
}

/** A release can be terminated while it is not finished, and retried once it failed or was terminated. */
export function canTerminate(status: string | null | undefined): boolean {
  return status === 'QUEUED' || status === 'RUNNING' || status === 'SUSPENDED';
}

export function canRetry(status: string | null | undefined): boolean {
  return status === 'FAILED' || status === 'TERMINATED';
}

/**
 * One status for a set of steps, the way a person sums it up: any failure wins, then anything still moving,
 * then terminated, and only all-succeeded is success. Skipped steps count as done.
 */
export function aggregateStepStatus(statuses: readonly string[]): AnyStatus | null {
  if (statuses.length === 0) return null;
  const has = (s: string) => statuses.includes(s);
  if (has('FAILED')) return 'FAILED';
  if (has('RUNNING')) return 'RUNNING';
  if (has('SUSPENDED')) return 'SUSPENDED';
  if (has('PENDING')) return statuses.every((s) => s === 'PENDING') ? 'PENDING' : 'RUNNING';
  if (has('TERMINATED')) return 'TERMINATED';
  if (statuses.every((s) => s === 'SUCCEEDED' || s === 'SKIPPED')) {
    return statuses.some((s) => s === 'SUCCEEDED') ? 'SUCCEEDED' : 'SKIPPED';
  }
  return null;
}

/** Counts of steps by status, for a one-line summary: "2 of 3 environments succeeded". */
export function progressSummary(statuses: readonly string[]): string {
  const done = statuses.filter((s) => s === 'SUCCEEDED').length;
  return `${done} of ${statuses.length} environment${statuses.length === 1 ? '' : 's'} succeeded`;
}

/** Releases a person made without a flow: promote ("Manual") and rollback ("Rollback"), each one step. */
const WITHOUT_FLOW: ReadonlySet<string> = new Set(['Manual', 'Rollback']);

/** Whether a release was made by a flow, and so starts with a trigger step that only records the source. */
export function madeByFlow(promotionFlowName: string): boolean {
  return !WITHOUT_FLOW.has(promotionFlowName);
}
