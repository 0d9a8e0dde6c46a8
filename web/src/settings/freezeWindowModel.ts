import type { CombinedError } from '@urql/core';
import type { CreateFreezeWindowInput, FreezeWindowFieldsFragment } from '../gql/graphql';
import { humanIsoDuration } from '../ui/format';
import { refusals, type Problems } from './fieldProblems';

export type FreezeKind = 'ONE_OFF' | 'RECURRING';

/** What the Add freeze window form holds; start and end as a datetime-local input gives them (the browser's time). */
export interface FreezeWindowDraft {
  name: string;
  environments: string[];
  kind: FreezeKind;
  start: string;
  end: string;
  cron: string;
  /** An ISO-8601 duration, empty until given. */
  duration: string;
  timeZone: string;
  reason: string;
}

export type FreezeField = 'name' | 'environments' | 'start' | 'end' | 'cron' | 'duration' | 'timeZone' | 'reason';

/** A problem by field; `form` for one that concerns no single field. */
export type FreezeProblems = Problems<FreezeField>;

export function emptyFreezeWindowDraft(): FreezeWindowDraft {
  return {
    name: '',
    environments: [],
    kind: 'ONE_OFF',
    start: '',
    end: '',
    cron: '',
    duration: '',
    timeZone: 'UTC',
    reason: '',
  };
}

/** A datetime-local value ("2026-12-24T15:00"), read in the browser's time zone, as an ISO instant; null if none. */
export function localToInstant(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** What the server is sent: a one-off window's start and end, or a recurring window's cron, duration and zone. */
export function toInput(draft: FreezeWindowDraft): CreateFreezeWindowInput {
  const common = { name: draft.name.trim(), environments: draft.environments, reason: draft.reason.trim() };
  if (draft.kind === 'ONE_OFF') {
    return { ...common, start: localToInstant(draft.start), end: localToInstant(draft.end) };
  }
  return {
    ...common,
    cron: draft.cron.trim(),
    duration: draft.duration || null,
    timeZone: draft.timeZone.trim() || null,
  };
}

/** The obvious problems, found before asking the server; the server has the last word (a cron, a time zone). */
export function checkDraft(draft: FreezeWindowDraft): FreezeProblems {
  const problems: FreezeProblems = {};
  if (!draft.name.trim()) problems.name = 'Give the window a name.';
  if (draft.environments.length === 0) problems.environments = 'Choose at least one environment to freeze.';
  if (!draft.reason.trim()) problems.reason = 'Say why: the reason is shown on every step the window holds.';
  if (draft.kind === 'ONE_OFF') {
    const start = localToInstant(draft.start);
    const end = localToInstant(draft.end);
    if (!start) problems.start = 'Give the time the window opens.';
    if (!end) problems.end = 'Give the time the window closes.';
    else if (start && end <= start) problems.end = 'The window must close after it opens.';
  } else {
    if (!draft.cron.trim()) problems.cron = 'Give the openings as five cron fields, e.g. 0 15 * * FRI.';
    if (!draft.duration) problems.duration = 'Give how long the window stays open after each opening.';
  }
  return problems;
}

/**
 * The field a refusal of createFreezeWindow concerns, read from its message, which names it ("name must not be
 * blank", "timeZone \"x\" is not an IANA time zone", "cron must have five fields", "environment \"x\" does not
 * exist", "a freeze window named \"x\" exists"); `form` when it names none.
 */
export function fieldOfRefusal(message: string, code: unknown): FreezeField | 'form' {
  const text = message.toLowerCase();
  if (code === 'CONFLICT' && text.startsWith('a freeze window named')) return 'name';
  if (text.startsWith('name ')) return 'name';
  if (text.startsWith('reason ')) return 'reason';
  if (text.startsWith('timezone')) return 'timeZone';
  if (text.startsWith('cron')) return 'cron';
  if (text.includes('environment')) return 'environments';
  if (text.includes('start before its end')) return 'end';
  if (text.includes('positive duration')) return 'duration';
  return 'form';
}

/** The server's refusal, by field; a refused token or an unreachable server is the form's. */
export function refusalProblems(error: CombinedError | undefined): FreezeProblems {
  return refusals<FreezeField>(error, (e) => fieldOfRefusal(e.message, e.extensions?.code));
}

/** "Every 0 15 * * FRI (Europe/Berlin), open 66 hours" or null for a one-off window (its dates say it). */
export function describeRecurrence(window: Pick<FreezeWindowFieldsFragment, 'cron' | 'duration' | 'timeZone'>) {
  if (!window.cron) return null;
  return `Opens at cron ${window.cron} (${window.timeZone}), for ${humanIsoDuration(window.duration)}`;
}

/** Time zones the browser knows, for the time zone field's suggestions; UTC first. */
export function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}
