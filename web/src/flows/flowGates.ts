import type { GateKind, GateWhen, Role } from '../gql/graphql';
import { parseIsoDuration } from '../ui/format';

/**
 * A step's gates as the Flow Builder edits them: one type per kind, every default spelled out, so that the form
 * shows what runs. Durations are ISO-8601 text; empty means the kind's default (timeout, interval) or, for a soak,
 * not given yet.
 */
export type { GateKind, GateWhen, Role };

export const GATE_KINDS: readonly GateKind[] = ['ARGOCD', 'HTTP', 'APPROVAL', 'SOAK'];
export const HTTP_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'];
export const ROLES: readonly Role[] = ['VIEWER', 'PROMOTER', 'ADMIN'];
export const MAX_APPROVALS = 10;

export interface GateHeader {
  name: string;
  value: string;
}

interface Timing {
  when: GateWhen;
  timeout: string;
  interval: string;
}

export interface ArgoCdGateDraft extends Timing {
  kind: 'ARGOCD';
}

export interface HttpGateDraft extends Timing {
  kind: 'HTTP';
  method: string;
  url: string;
  headers: GateHeader[];
  /** NaN while the field is empty. */
  expectStatus: number;
  /** Empty: the status alone decides. */
  expectJsonPath: string;
  expectValue: string;
}

export interface ApprovalGateDraft extends Timing {
  kind: 'APPROVAL';
  /** NaN while the field is empty. */
  approvals: number;
  approverRole: Role;
  allowInitiator: boolean;
}

export interface SoakGateDraft extends Timing {
  kind: 'SOAK';
  duration: string;
}

export type GateDraft = ArgoCdGateDraft | HttpGateDraft | ApprovalGateDraft | SoakGateDraft;

/**
 * A gate in the GraphQL API's words: GateInput's fields (what the server's YAML writes too), or the fields of a
 * Gate read back, where the other kinds' fields are null.
 */
export interface GateFields {
  kind: GateKind;
  when?: GateWhen | null;
  timeout?: string | null;
  interval?: string | null;
  method?: string | null;
  url?: string | null;
  headers?: ReadonlyArray<GateHeader> | null;
  expectStatus?: number | null;
  expectJsonPath?: string | null;
  expectValue?: string | null;
  approvals?: number | null;
  approverRole?: Role | null;
  allowInitiator?: boolean | null;
  duration?: string | null;
}

/** The fields each kind takes besides when, timeout and interval, in the order the server's YAML writes them. */
export const KIND_FIELDS: Record<GateKind, readonly (keyof GateFields)[]> = {
  ARGOCD: [],
  HTTP: ['method', 'url', 'headers', 'expectStatus', 'expectJsonPath', 'expectValue'],
  APPROVAL: ['approvals', 'approverRole', 'allowInitiator'],
  SOAK: ['duration'],
};
export const TIMING_FIELDS: readonly (keyof GateFields)[] = ['when', 'timeout', 'interval'];

export type GateField = Exclude<keyof GateFields, 'kind'>;

/** How the builder names a kind of gate. */
export function gateKindName(kind: GateKind): string {
  return { ARGOCD: 'Argo CD', HTTP: 'HTTP', APPROVAL: 'Approval', SOAK: 'Soak' }[kind];
}

/** As the server: APPROVAL runs before the action, every other kind after it. */
export function defaultWhen(kind: GateKind): GateWhen {
  return kind === 'APPROVAL' ? 'BEFORE' : 'AFTER';
}

/** A new gate of the kind, with the server's defaults. */
export function newGate(kind: GateKind): GateDraft {
  return gateFromFields({ kind });
}

/** A gate from its API fields; what is missing takes the server's default. */
export function gateFromFields(fields: GateFields): GateDraft {
  const timing = {
    when: fields.when ?? defaultWhen(fields.kind),
    timeout: fields.timeout ?? '',
    interval: fields.interval ?? '',
  };
  switch (fields.kind) {
    case 'ARGOCD':
      return { kind: 'ARGOCD', ...timing };
    case 'HTTP':
      return {
        kind: 'HTTP',
        ...timing,
        method: (fields.method ?? 'GET').toUpperCase(),
        url: fields.url ?? '',
        headers: (fields.headers ?? []).map((h) => ({ name: h.name, value: h.value })),
        expectStatus: fields.expectStatus ?? 200,
        expectJsonPath: fields.expectJsonPath ?? '',
        expectValue: fields.expectValue ?? '',
      };
    case 'APPROVAL':
      return {
        kind: 'APPROVAL',
        ...timing,
        approvals: fields.approvals ?? 1,
        approverRole: fields.approverRole ?? 'PROMOTER',
        allowInitiator: fields.allowInitiator ?? true,
      };
    case 'SOAK':
      return { kind: 'SOAK', ...timing, duration: fields.duration ?? '' };
  }
}

/**
 * The gate as GateInput, and as the server's YAML writes it: the kind's own fields in the server's order, then
 * when, timeout and interval; a field at its default is left out.
 */
export function gateToFields(gate: GateDraft): GateFields {
  const fields: GateFields = { kind: gate.kind };
  switch (gate.kind) {
    case 'HTTP':
      if (gate.method && gate.method !== 'GET') fields.method = gate.method;
      fields.url = gate.url;
      if (gate.headers.length) fields.headers = gate.headers.map((h) => ({ name: h.name, value: h.value }));
      if (gate.expectStatus !== 200) fields.expectStatus = gate.expectStatus;
      if (gate.expectJsonPath) fields.expectJsonPath = gate.expectJsonPath;
      if (gate.expectValue) fields.expectValue = gate.expectValue;
      break;
    case 'APPROVAL':
      if (gate.approvals !== 1) fields.approvals = gate.approvals;
      if (gate.approverRole !== 'PROMOTER') fields.approverRole = gate.approverRole;
      if (!gate.allowInitiator) fields.allowInitiator = false;
      break;
    case 'SOAK':
      if (gate.duration) fields.duration = gate.duration;
      break;
  }
  if (gate.when !== defaultWhen(gate.kind)) fields.when = gate.when;
  if (gate.timeout) fields.timeout = gate.timeout;
  if (gate.interval) fields.interval = gate.interval;
  return fields;
}

/** Another kind in the same place: the timing stays; when goes to the new kind's default if it was the old one's. */
export function changeKind(gate: GateDraft, kind: GateKind): GateDraft {
  if (gate.kind === kind) return gate;
  const when = gate.when === defaultWhen(gate.kind) ? defaultWhen(kind) : gate.when;
  return { ...newGate(kind), when, timeout: gate.timeout, interval: gate.interval };
}

/** The gates in the order a release runs them: BEFORE ones, then AFTER ones, each group as written. */
export function inRunOrder(gates: readonly GateDraft[]): GateDraft[] {
  return [...gates.filter((g) => g.when === 'BEFORE'), ...gates.filter((g) => g.when === 'AFTER')];
}

/**
 * Moves a gate past its neighbour in the same group (BEFORE or AFTER), the order in which they run; a gate of the
 * other group in between keeps its place.
 */
export function moveGate(gates: readonly GateDraft[], index: number, direction: -1 | 1): GateDraft[] {
  const gate = gates[index];
  if (!gate) return [...gates];
  let other = index + direction;
  while (other >= 0 && other < gates.length && gates[other].when !== gate.when) other += direction;
  if (other < 0 || other >= gates.length) return [...gates];
  const moved = [...gates];
  moved[index] = gates[other];
  moved[other] = gate;
  return moved;
}

/** A few words for a node in Chart mode: "approval x2", "soak 5m", "Argo CD", "HTTP". */
export function gateBadge(gate: GateDraft): string {
  switch (gate.kind) {
    case 'ARGOCD':
      return 'Argo CD';
    case 'HTTP':
      return 'HTTP';
    case 'APPROVAL':
      return gate.approvals > 1 ? `approval x${gate.approvals}` : 'approval';
    case 'SOAK': {
      const seconds = parseIsoDuration(gate.duration);
      return seconds ? `soak ${shortDuration(seconds)}` : 'soak';
    }
  }
}

/** A sentence about the gate, for the badge's title. */
export function describeGate(gate: GateDraft): string {
  const when = gate.when === 'BEFORE' ? 'before the action' : 'after the action';
  switch (gate.kind) {
    case 'ARGOCD':
      return `Argo CD: Synced at the step's commit and Healthy, ${when}`;
    case 'HTTP':
      return `HTTP ${gate.method} ${gate.url} expects ${Number.isNaN(gate.expectStatus) ? '?' : gate.expectStatus}${
        gate.expectJsonPath ? ` and ${gate.expectJsonPath} = ${gate.expectValue}` : ''
      }, ${when}`;
    case 'APPROVAL':
      return `${gate.approvals} approval${gate.approvals === 1 ? '' : 's'} by ${gate.approverRole}${
        gate.allowInitiator ? '' : ', not the initiator'
      }, ${when}`;
    case 'SOAK':
      return `Soak for ${gate.duration || 'a duration not given yet'}, ${when}`;
  }
}

/** 90 -> 1m30s, 300 -> 5m, 86400 -> 24h. */
export function shortDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round((seconds % 60) * 1000) / 1000;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}

/**
 * What a person can fix before asking the server, by field; the server still has the last word. Empty: nothing
 * obvious is wrong.
 */
export function gateProblems(gate: GateDraft): Partial<Record<GateField, string>> {
  const problems: Partial<Record<GateField, string>> = {};
  const interval = parseIsoDuration(gate.interval);
  if (interval != null && interval < 1) problems.interval = 'The interval must be at least 1 second.';
  switch (gate.kind) {
    case 'HTTP':
      if (!gate.url.trim()) problems.url = 'Give the URL to ask.';
      else if (!/^https?:\/\/[^/\s]/i.test(gate.url.trim()))
        problems.url = 'The URL must start with http:// or https://.';
      if (!Number.isInteger(gate.expectStatus) || gate.expectStatus < 100 || gate.expectStatus > 599)
        problems.expectStatus = 'The expected status must be an HTTP status, 100 to 599.';
      if (gate.headers.some((h) => !h.name.trim())) problems.headers = 'Every header needs a name.';
      if (!!gate.expectJsonPath !== !!gate.expectValue) {
        if (gate.expectJsonPath) problems.expectValue = 'Give the value the JSONPath must have.';
        else problems.expectJsonPath = 'Give the JSONPath whose value is expected.';
      }
      break;
    case 'APPROVAL':
      if (!Number.isInteger(gate.approvals) || gate.approvals < 1 || gate.approvals > MAX_APPROVALS)
        problems.approvals = `The number of approvals must be a whole number from 1 to ${MAX_APPROVALS}.`;
      break;
    case 'SOAK':
      if (!gate.duration) problems.duration = 'Give how long the version must soak.';
      else if (!parseIsoDuration(gate.duration)) problems.duration = 'The soak must last more than zero.';
      break;
  }
  return problems;
}

/** A problem the server found in one gate of a flow's step, and the field it names when it names one. */
export interface ServerGateProblem {
  step: number;
  gate: number;
  field: GateField | null;
  message: string;
}

const FIELD_WORDS: Record<string, GateField> = {
  when: 'when',
  timeout: 'timeout',
  interval: 'interval',
  method: 'method',
  url: 'url',
  header: 'headers',
  headers: 'headers',
  expectStatus: 'expectStatus',
  expectJsonPath: 'expectJsonPath',
  expectValue: 'expectValue',
  approvals: 'approvals',
  approverRole: 'approverRole',
  allowInitiator: 'allowInitiator',
  duration: 'duration',
};

/**
 * Reads a server error about a flow step's gate, in either of its forms:
 * `steps[0].gates[1] (HTTP gate of step "qa"): url must not be empty; method X is not one of ...` (its validation,
 * one problem per field, each starting with the field's name) or `spec.steps[0].gates[1].http.expectStatus
 * (line 14): must be a whole number` (its YAML reader). Null when the error is about something else.
 */
export function serverGateProblems(message: string): ServerGateProblem[] {
  const read = /\bsteps\[(\d+)\]\.gates\[(\d+)\](?:\.([a-z]+)(?:\.([A-Za-z]+))?)?/.exec(message);
  if (!read) return [];
  const step = Number(read[1]);
  const gate = Number(read[2]);
  if (read[4]) {
    const field = FIELD_WORDS[read[4]] ?? null;
    const rest = message.slice(read.index + read[0].length).replace(/^\s*\(line \d+\)/, '');
    return [{ step, gate, field, message: rest.replace(/^:\s*/, '') || message }];
  }
  const colon = message.lastIndexOf('): ');
  if (colon < 0) return [{ step, gate, field: null, message }];
  return message
    .slice(colon + 3)
    .split('; ')
    .map((problem) => ({ step, gate, field: fieldOf(problem), message: problem }));
}

function fieldOf(problem: string): GateField | null {
  if (/^a soak\b/.test(problem)) return 'duration';
  if (/^expectJsonPath and expectValue go together/.test(problem)) return 'expectJsonPath';
  if (/^(method, url|approvals, approverRole|duration is for)/.test(problem)) return null;
  const word = /^([A-Za-z]+)/.exec(problem)?.[1];
  return word ? (FIELD_WORDS[word] ?? null) : null;
}
