import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { parseIsoDuration } from '../ui/format';
import type { FlowDraft, FlowStepDraft } from './flowModel';
import { gateToYaml, readGates, styleGates } from './gateYaml';

/** A problem in the YAML, at a 1-based line (null: the document as a whole). */
export interface YamlProblem {
  line: number | null;
  message: string;
}

export type YamlReading = { draft: FlowDraft; problems: [] } | { draft: null; problems: YamlProblem[] };

const API_VERSIONS = ['baton/v1', 'codefresh.io/v1beta1'];

/** The flow as the server's YAML format (docs/api.md, Flow YAML), every dependsOn written out. */
export function draftToYaml(draft: FlowDraft): string {
  const annotations: Record<string, string> = {};
  if (draft.description) annotations.description = draft.description;
  if (draft.version) annotations.version = draft.version;
  const spec: Record<string, unknown> = {
    triggerEnvironment: draft.triggerEnvironment,
    steps: draft.steps.map((s) => ({
      environment: s.environment,
      dependsOn: s.dependsOn,
      ...(s.action ? { policy: { action: s.action === 'PULL_REQUEST' ? 'pr' : s.action.toLowerCase() } } : {}),
      ...(s.gates?.length ? { gates: s.gates.map(gateToYaml) } : {}),
    })),
  };
  const seconds = parseIsoDuration(draft.timeout);
  if (seconds != null && seconds > 0 && seconds % 60 === 0) spec.promotionTimeoutLimit = seconds / 60;
  else if (draft.timeout) spec.timeout = draft.timeout;
  const doc = new Document({
    apiVersion: 'baton/v1',
    kind: 'PromotionFlow',
    metadata: { name: draft.name, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec,
  });
  flowStyleDependsOn(doc);
  styleGates(doc.getIn(['spec', 'steps'], true) as Node | undefined);
  return doc.toString({ lineWidth: 0 });
}

/**
 * `generated` (the flow as the Chart mode wrote it) with the vendor's fields that `kept` holds and the model does
 * not: the flow's hooks, and each step's hooks and policy.preAction / postAction, by step environment. The server
 * keeps these with the flow and writes them again, so editing a flow in Chart mode must not drop them.
 */
export function keepVendorFields(kept: string, generated: string): string {
  const from = parseDocument(kept, { schema: 'failsafe' });
  if (from.errors.length) return generated;
  olderForm(from);
  const to = parseDocument(generated, { schema: 'failsafe' });
  const hooks = from.getIn(['spec', 'hooks'], true);
  if (hooks != null) to.setIn(['spec', 'hooks'], hooks);
  const fromSteps = from.getIn(['spec', 'steps']);
  const toSteps = to.getIn(['spec', 'steps']);
  if (!isSeq(fromSteps) || !isSeq(toSteps)) return hooks == null ? generated : to.toString({ lineWidth: 0 });
  let changed = hooks != null;
  for (const step of toSteps.items) {
    if (!isMap(step)) continue;
    const environment = String(step.get('environment') ?? '');
    const old = fromSteps.items.find((s) => isMap(s) && String(s.get('environment') ?? '') === environment);
    if (!isMap(old)) continue;
    for (const field of ['preAction', 'postAction']) {
      const value = old.getIn(['policy', field], true);
      if (value == null) continue;
      if (!step.has('policy')) step.set('policy', to.createNode({ action: 'commit' }));
      step.setIn(['policy', field], value);
      changed = true;
    }
    const stepHooks = old.get('hooks', true);
    if (stepHooks != null) {
      step.set('hooks', stepHooks);
      changed = true;
    }
  }
  return changed ? to.toString({ lineWidth: 0 }) : generated;
}

/** The vendor's older form, whose spec holds only `properties`, read as the spec it wraps (lines are kept). */
function olderForm(doc: Document) {
  const spec = doc.get('spec', true);
  if (isMap(spec) && spec.items.length === 1 && isScalar(spec.items[0].key) && spec.items[0].key.value === 'properties')
    doc.set('spec', spec.items[0].value);
}

function flowStyleDependsOn(doc: Document) {
  const steps = doc.getIn(['spec', 'steps']);
  if (!isSeq(steps)) return;
  for (const step of steps.items) {
    if (!isMap(step)) continue;
    const deps = step.get('dependsOn', true);
    if (isSeq(deps)) deps.flow = true;
  }
}

/**
 * Reads YAML into the model, the way the server does: a step without dependsOn depends on the step before it
 * (the first on the trigger environment); promotionTimeoutLimit is minutes; `timeout` an ISO-8601 duration.
 * Every scalar is read as text (the failsafe schema), so a version like 1.0 stays "1.0".
 */
export function yamlToDraft(text: string): YamlReading {
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines, prettyErrors: true });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : null);
  if (doc.errors.length) {
    return {
      draft: null,
      problems: doc.errors.map((e) => ({ line: e.linePos?.[0]?.line ?? null, message: firstLine(e.message) })),
    };
  }
  const problems: YamlProblem[] = [];
  const root = doc.contents;
  if (!isMap(root))
    return {
      draft: null,
      problems: [{ line: 1, message: 'The YAML must be a mapping with apiVersion, kind, metadata and spec.' }],
    };

  olderForm(doc);

  const text_ = (path: (string | number)[]): string => {
    const node = doc.getIn(path, true);
    return isScalar(node) && node.value != null ? String(node.value) : '';
  };
  const node = (path: (string | number)[]) => doc.getIn(path, true) as Node | undefined;
  const keyAt = (path: (string | number)[]) => keyLine(doc, path, lines) ?? lineOf(node(path)) ?? 1;

  const apiVersion = text_(['apiVersion']);
  if (apiVersion && !API_VERSIONS.includes(apiVersion)) {
    problems.push({ line: lineOf(node(['apiVersion'])), message: `apiVersion must be ${API_VERSIONS.join(' or ')}.` });
  }
  const kind = text_(['kind']);
  if (kind && kind !== 'PromotionFlow')
    problems.push({ line: lineOf(node(['kind'])), message: 'kind must be PromotionFlow.' });

  const name = text_(['metadata', 'name']);
  if (!name) problems.push({ line: keyAt(['metadata']), message: 'metadata.name is missing.' });
  const trigger = text_(['spec', 'triggerEnvironment']);
  if (!trigger) problems.push({ line: keyAt(['spec']), message: 'spec.triggerEnvironment is missing.' });

  const stepsNode = node(['spec', 'steps']);
  const steps: FlowStepDraft[] = [];
  if (stepsNode && !isSeq(stepsNode)) {
    problems.push({ line: lineOf(stepsNode), message: 'spec.steps must be a list.' });
  } else if (isSeq(stepsNode)) {
    stepsNode.items.forEach((item, i) => {
      const path = ['spec', 'steps', i];
      const environment = text_([...path, 'environment']);
      if (!isMap(item) || !environment) {
        problems.push({ line: lineOf(item as Node), message: `spec.steps[${i}].environment is missing.` });
        return;
      }
      const depsNode = node([...path, 'dependsOn']);
      let dependsOn: string[];
      if (depsNode == null) {
        dependsOn = [steps.length ? steps[steps.length - 1].environment : trigger];
      } else if (isSeq(depsNode)) {
        dependsOn = depsNode.items.map((d) => (isScalar(d) ? String(d.value) : '')).filter(Boolean);
      } else if (isScalar(depsNode)) {
        dependsOn = [String(depsNode.value)];
      } else {
        problems.push({
          line: lineOf(depsNode),
          message: `spec.steps[${i}].dependsOn must be a list of environments.`,
        });
        return;
      }
      const action = text_([...path, 'policy', 'action']).toLowerCase();
      if (action && !['commit', 'none', 'pr', 'pull_request'].includes(action)) {
        problems.push({
          line: lineOf(node([...path, 'policy', 'action'])),
          message: `spec.steps[${i}].policy.action must be commit, none or pr.`,
        });
      }
      const { gates, problems: gateProblems } = readGates(node([...path, 'gates']), `spec.steps[${i}].gates`, lines);
      problems.push(...gateProblems);
      steps.push({
        environment,
        dependsOn,
        action:
          action === 'none'
            ? 'NONE'
            : action === 'commit'
              ? 'COMMIT'
              : action === 'pr' || action === 'pull_request'
                ? 'PULL_REQUEST'
                : null,
        ...(gates.length ? { gates } : {}),
      });
    });
  }

  let timeout = '';
  const limit = text_(['spec', 'promotionTimeoutLimit']);
  const iso = text_(['spec', 'timeout']);
  if (limit) {
    const minutes = Number(limit);
    if (!Number.isFinite(minutes) || minutes <= 0) {
      problems.push({
        line: lineOf(node(['spec', 'promotionTimeoutLimit'])),
        message: 'spec.promotionTimeoutLimit must be a number of minutes.',
      });
    } else timeout = `PT${minutes}M`;
  } else if (iso) {
    if (parseIsoDuration(iso) == null) {
      problems.push({
        line: lineOf(node(['spec', 'timeout'])),
        message: 'spec.timeout must be an ISO-8601 duration such as PT30M.',
      });
    } else timeout = iso;
  }

  if (problems.length) return { draft: null, problems };
  return {
    draft: {
      name,
      description: text_(['metadata', 'annotations', 'description']),
      version: text_(['metadata', 'annotations', 'version']),
      timeout,
      triggerEnvironment: trigger,
      steps,
    },
    problems: [],
  };
}

/**
 * Where in the YAML a server error belongs. The server's message names a line ("line 12") or a field
 * ("spec.steps[1].environment"); failing that, the first line holding a quoted value it names.
 */
export function locateError(text: string, message: string): number | null {
  const line = /\bline (\d+)/i.exec(message);
  if (line) return Number(line[1]);
  const field = /\b((?:metadata|spec)(?:\.[A-Za-z]+|\[\d+\])+)/.exec(message);
  if (field) {
    const found = lineOfPath(text, field[1]);
    if (found) return found;
  }
  const quoted = /["'`“]([^"'`”]+)["'`”]/.exec(message);
  if (quoted) {
    const token = quoted[1];
    const rows = text.split('\n');
    const pattern = new RegExp(`(^|[\\s:\\[,])${escapeRegExp(token)}($|[\\s\\],])`);
    const index = rows.findIndex((row) => pattern.test(row.replace(/#.*$/, '')));
    if (index >= 0) return index + 1;
  }
  return null;
}

function lineOfPath(text: string, path: string): number | null {
  const keys: (string | number)[] = [];
  for (const part of path.matchAll(/([A-Za-z]+)|\[(\d+)\]/g)) keys.push(part[1] ?? Number(part[2]));
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines });
  // The deepest part of the path that exists: a missing field is reported where its parent is.
  for (let n = keys.length; n > 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true) as Node | undefined;
    if (node?.range) {
      const pair = n > 0 ? keyLine(doc, keys.slice(0, n), lines) : null;
      return pair ?? lines.linePos(node.range[0]).line;
    }
  }
  return null;
}

/** The line of the key itself (`environment: prdo`), which is where a person looks. */
function keyLine(doc: Document, keys: (string | number)[], lines: LineCounter): number | null {
  const parent = keys.length > 1 ? doc.getIn(keys.slice(0, -1), true) : doc.contents;
  const last = keys[keys.length - 1];
  if (isMap(parent) && typeof last === 'string') {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    const key = pair?.key as Node | undefined;
    if (key?.range) return lines.linePos(key.range[0]).line;
  }
  return null;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
