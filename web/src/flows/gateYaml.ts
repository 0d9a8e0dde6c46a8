import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { parseIsoDuration } from '../ui/format';
import {
  GATE_KINDS,
  gateFromFields,
  gateToFields,
  KIND_FIELDS,
  ROLES,
  TIMING_FIELDS,
  type GateDraft,
  type GateFields,
  type GateKind,
  type Role,
} from './flowGates';
import type { YamlProblem } from './flowYaml';

/**
 * One gate of a step in baton/v1 YAML, as the server's GateYaml has it: a mapping of one key, the kind in lower
 * case, whose value holds the kind's fields, e.g. `- soak: {duration: PT10M}`; fields at their defaults are left out.
 */
export function gateToYaml(gate: GateDraft): Record<string, Record<string, unknown>> {
  const { kind, headers, ...fields } = gateToFields(gate);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    body[key] = typeof value === 'number' && !Number.isFinite(value) ? null : value;
    if (key === 'url' && headers) body.headers = Object.fromEntries(headers.map((h) => [h.name, h.value]));
  }
  return { [kind.toLowerCase()]: body };
}

/** Writes, as the server does, an HTTP gate's fields one a line and every other gate, and headers, on one line. */
export function styleGates(steps: Node | null | undefined) {
  if (!isSeq(steps)) return;
  for (const step of steps.items) {
    const gates = isMap(step) ? step.get('gates', true) : null;
    if (!isSeq(gates)) continue;
    for (const gate of gates.items) {
      const pair = isMap(gate) ? gate.items[0] : null;
      if (!pair || !isMap(pair.value)) continue;
      const http = isScalar(pair.key) && pair.key.value === 'http';
      pair.value.flow = !http;
      const headers = pair.value.get('headers', true);
      if (isMap(headers)) headers.flow = true;
    }
  }
}

/** Reads a step's `gates:` list (every scalar is text: the document is read with the failsafe schema). */
export function readGates(
  node: Node | null | undefined,
  path: string,
  lines: LineCounter,
): { gates: GateDraft[]; problems: YamlProblem[] } {
  const problems: YamlProblem[] = [];
  const gates: GateDraft[] = [];
  const lineOf = (n: unknown) => {
    const range = (n as Node | null | undefined)?.range;
    return range ? lines.linePos(range[0]).line : null;
  };
  if (node == null) return { gates, problems };
  if (!isSeq(node)) {
    problems.push({
      line: lineOf(node),
      message: `${path} must be a list of gates, like [{soak: {duration: PT10M}}].`,
    });
    return { gates, problems };
  }
  node.items.forEach((item, g) => {
    const where = `${path}[${g}]`;
    const pair = isMap(item) && item.items.length === 1 ? item.items[0] : null;
    const key = pair && isScalar(pair.key) ? String(pair.key.value) : null;
    if (!pair || key == null) {
      problems.push({
        line: lineOf(item),
        message: `${where} must be one of argocd: {...}, http: {...}, approval: {...} or soak: {...}.`,
      });
      return;
    }
    const kind = GATE_KINDS.find((k) => k.toLowerCase() === key);
    if (!kind) {
      problems.push({
        line: lineOf(pair.key),
        message: `${where}: "${key}" is not a kind of gate; use argocd, http, approval or soak.`,
      });
      return;
    }
    const read = readFields(kind, pair.value as Node | null, `${where}.${key}`, lineOf);
    problems.push(...read.problems);
    if (read.fields) gates.push(gateFromFields(read.fields));
  });
  return { gates, problems };
}

function readFields(
  kind: GateKind,
  value: Node | null,
  where: string,
  lineOf: (n: unknown) => number | null,
): { fields: GateFields | null; problems: YamlProblem[] } {
  const problems: YamlProblem[] = [];
  const fields: GateFields = { kind };
  if (value == null || (isScalar(value) && (value.value == null || value.value === ''))) return { fields, problems };
  if (!isMap(value)) {
    problems.push({ line: lineOf(value), message: `${where} must be a mapping of the gate's fields, like {}.` });
    return { fields: null, problems };
  }
  const allowed = new Set<string>([...KIND_FIELDS[kind], ...TIMING_FIELDS]);
  for (const pair of (value as YAMLMap).items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const at = lineOf(pair.key);
    const fail = (message: string) => problems.push({ line: at, message: `${where}.${key}: ${message}` });
    if (!allowed.has(key)) {
      fail(`a ${kind} gate has no such field; it takes ${[...allowed].join(', ')}.`);
      continue;
    }
    if (key === 'headers') {
      const headers = readHeaders(pair.value as Node | null);
      if (headers) fields.headers = headers;
      else fail('must be a mapping of header names to values, like {Accept: application/json}.');
      continue;
    }
    const node = pair.value as Node | null;
    if (node != null && !isScalar(node)) {
      fail('must be a single value.');
      continue;
    }
    const text = node == null || node.value == null ? '' : String(node.value);
    const problem = setField(fields, key as keyof GateFields, text);
    if (problem) fail(problem);
  }
  return { fields: problems.length ? null : fields, problems };
}

function readHeaders(node: Node | null): { name: string; value: string }[] | null {
  if (!isMap(node)) return null;
  const headers: { name: string; value: string }[] = [];
  for (const pair of node.items) {
    if (!isScalar(pair.key) || (pair.value != null && !isScalar(pair.value))) return null;
    const value = pair.value == null ? '' : (pair.value as { value: unknown }).value;
    headers.push({ name: String(pair.key.value), value: value == null ? '' : String(value) });
  }
  return headers;
}

/** Sets one field from its text; returns what is wrong with the text, if anything. */
function setField(fields: GateFields, key: keyof GateFields, text: string): string | null {
  switch (key) {
    case 'when': {
      const when = text.toUpperCase();
      if (when !== 'BEFORE' && when !== 'AFTER') return `"${text}" is not before or after.`;
      fields.when = when;
      return null;
    }
    case 'timeout':
    case 'interval':
    case 'duration':
      if (parseIsoDuration(text) == null) return `"${text}" is not an ISO-8601 duration like PT30S, PT5M or PT24H.`;
      fields[key] = text;
      return null;
    case 'expectStatus':
    case 'approvals':
      if (!/^[+-]?\d+$/.test(text)) return `must be a whole number, not "${text}".`;
      fields[key] = Number(text);
      return null;
    case 'allowInitiator': {
      const flag = text.toLowerCase();
      if (flag !== 'true' && flag !== 'false') return `must be true or false, not "${text}".`;
      fields.allowInitiator = flag === 'true';
      return null;
    }
    case 'approverRole':
      if (!ROLES.includes(text as Role)) return `"${text}" is not a role (${ROLES.join(', ')}).`;
      fields.approverRole = text as Role;
      return null;
    case 'method':
    case 'url':
    case 'expectJsonPath':
    case 'expectValue':
      fields[key] = text;
      return null;
    default:
      return 'is not a field of a gate.';
  }
}
