import type { ReleaseEventsSubscription, ReleaseFieldsFragment } from '../gql/graphql';

export type ReleaseEvent = ReleaseEventsSubscription['releaseEvents'];
export type ReleaseStepView = ReleaseFieldsFragment['steps'][number];

export interface TimelineEntry {
  cursor: string;
  at: string;
  environment: string | null;
  status: string;
  previousStatus: string | null;
  message: string | null;
}

/** What the release view shows: the newest known state of one release and the transitions seen live. */
export interface LiveRelease {
  release: ReleaseFieldsFragment | null;
  timeline: TimelineEntry[];
  lastCursor: string | null;
}

export const TIMELINE_LIMIT = 200;

export const emptyLive: LiveRelease = { release: null, timeline: [], lastCursor: null };

/** How far along a status is; a status never moves backwards except by a retry, which brings a fresh snapshot. */
function rank(status: string): number {
  switch (status) {
    case 'PENDING':
    case 'QUEUED':
      return 0;
    case 'RUNNING':
    case 'SUSPENDED':
      return 1;
    default:
      return 2;
  }
}

/** A snapshot read by a query (first load, a refetch, a mutation's answer) replaces what was known. */
export function withSnapshot(state: LiveRelease, release: ReleaseFieldsFragment | null | undefined): LiveRelease {
  if (!release) return state;
  if (state.release && state.release.id !== release.id) return state;
  return { ...state, release };
}

/**
 * Folds one event into the view. The event carries the release as the server saw it; its own transition is laid
 * over that snapshot only when it is further along, so a snapshot read a moment earlier cannot hide it, and a
 * replayed old event cannot move a newer snapshot back. Folding the same event twice changes nothing.
 */
export function foldEvent(state: LiveRelease, event: ReleaseEvent): LiveRelease {
  if (state.timeline.some((entry) => entry.cursor === event.cursor)) return state;
  const base = event.release ?? state.release;
  if (!base || (state.release && base.id !== state.release.id)) return state;
  const release = overlay(base, event);
  const entry: TimelineEntry = {
    cursor: event.cursor,
    at: event.at,
    environment: event.environment?.name ?? null,
    status: event.status,
    previousStatus: event.previousStatus ?? null,
    message: event.message ?? null,
  };
  const timeline = [...state.timeline, entry].slice(-TIMELINE_LIMIT);
  return { release, timeline, lastCursor: event.cursor };
}

function overlay(release: ReleaseFieldsFragment, event: ReleaseEvent): ReleaseFieldsFragment {
  const environment = event.environment?.name;
  if (!environment) {
    if (rank(event.status) <= rank(release.status)) return release;
    return {
      ...release,
      status: event.status as ReleaseFieldsFragment['status'],
      message: event.message ?? release.message,
    };
  }
  let changed = false;
  const steps = release.steps.map((step) => {
    if (step.environment.name !== environment || rank(event.status) <= rank(step.status)) return step;
    changed = true;
    return { ...step, status: event.status as ReleaseStepView['status'], message: event.message ?? step.message };
  });
  return changed ? { ...release, steps } : release;
}

/** Steps in the order they run: each after everything it depends on, ties kept in the server's order. */
export function stepsInRunOrder(steps: readonly ReleaseStepView[]): ReleaseStepView[] {
  const byName = new Map(steps.map((s) => [s.environment.name, s]));
  const placed = new Set<string>();
  const ordered: ReleaseStepView[] = [];
  const visit = (step: ReleaseStepView, path: Set<string>) => {
    const name = step.environment.name;
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const dep of step.dependsOn) {
      const parent = byName.get(dep.name);
      if (parent) visit(parent, path);
    }
    placed.add(name);
    ordered.push(step);
  };
  steps.forEach((s) => visit(s, new Set()));
  return ordered;
}
