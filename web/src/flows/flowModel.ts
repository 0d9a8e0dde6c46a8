import { gateFromFields, gateKindName, gateProblems, type GateDraft, type GateFields } from './flowGates';

/** The flow being edited: one model behind the settings panel, Chart mode and YAML mode. */

export type StepAction = 'COMMIT' | 'NONE' | 'PULL_REQUEST';

export interface FlowStepDraft {
  environment: string;
  dependsOn: string[];
  /** null: the flow leaves it to the promotion policies, which commit unless one says otherwise. */
  action: StepAction | null;
  /** The step's own gates, in the order written; absent or empty: none. */
  gates?: GateDraft[];
}

export interface FlowDraft {
  name: string;
  description: string;
  version: string;
  /** ISO-8601 duration; empty means the server's default, 24 hours. */
  timeout: string;
  triggerEnvironment: string;
  steps: FlowStepDraft[];
}

export const NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function emptyDraft(): FlowDraft {
  return { name: '', description: '', version: '', timeout: '', triggerEnvironment: '', steps: [] };
}

interface FlowLike {
  name: string;
  description?: string | null;
  version?: string | null;
  timeout: string;
  triggerEnvironment: { name: string };
  steps: ReadonlyArray<{
    environment: { name: string };
    dependsOn: ReadonlyArray<{ name: string }>;
    /** null: the flow leaves it to the promotion policies, which commit unless one says otherwise. */
    action: StepAction | null;
    gates?: ReadonlyArray<GateFields> | null;
  }>;
}

export function draftFromFlow(flow: FlowLike): FlowDraft {
  return {
    name: flow.name,
    description: flow.description ?? '',
    version: flow.version ?? '',
    timeout: flow.timeout,
    triggerEnvironment: flow.triggerEnvironment.name,
    steps: flow.steps.map((s) => ({
      environment: s.environment.name,
      dependsOn: s.dependsOn.map((d) => d.name),
      action: s.action,
      ...(s.gates?.length ? { gates: s.gates.map(gateFromFields) } : {}),
    })),
  };
}

/** Every environment the flow uses, the trigger first. */
export function environmentsOf(draft: FlowDraft): string[] {
  const names = draft.triggerEnvironment ? [draft.triggerEnvironment] : [];
  return names.concat(draft.steps.map((s) => s.environment));
}

/** Environments that can still be added as targets. */
export function availableTargets(draft: FlowDraft, all: readonly string[]): string[] {
  const used = new Set(environmentsOf(draft));
  return all.filter((name) => !used.has(name));
}

/** The `+` beside a node: a new target that depends on that node. */
export function addTarget(draft: FlowDraft, parent: string, environment: string): FlowDraft {
  if (!environment || environmentsOf(draft).includes(environment)) return draft;
  return { ...draft, steps: [...draft.steps, { environment, dependsOn: [parent], action: null }] };
}

/** Removes a target; whatever depended on it now depends on what it depended on, so the chain stays joined. */
export function removeStep(draft: FlowDraft, environment: string): FlowDraft {
  const removed = draft.steps.find((s) => s.environment === environment);
  if (!removed) return draft;
  const steps = draft.steps
    .filter((s) => s.environment !== environment)
    .map((s) => {
      if (!s.dependsOn.includes(environment)) return s;
      const rewired = s.dependsOn.flatMap((d) => (d === environment ? removed.dependsOn : [d]));
      return { ...s, dependsOn: unique(rewired.filter((d) => d !== s.environment)) };
    });
  return { ...draft, steps };
}

/** Chooses the trigger environment; targets that depended on the old one now start from the new one. */
export function setTrigger(draft: FlowDraft, environment: string): FlowDraft {
  const old = draft.triggerEnvironment;
  const withoutIt = draft.steps.some((s) => s.environment === environment) ? removeStep(draft, environment) : draft;
  const steps = withoutIt.steps.map((s) =>
    old && s.dependsOn.includes(old)
      ? { ...s, dependsOn: unique(s.dependsOn.map((d) => (d === old ? environment : d))) }
      : s,
  );
  return { ...withoutIt, triggerEnvironment: environment, steps };
}

export function setAction(draft: FlowDraft, environment: string, action: StepAction | null): FlowDraft {
  return { ...draft, steps: draft.steps.map((s) => (s.environment === environment ? { ...s, action } : s)) };
}

/** Replaces a step's gates; none left: the step has no gates field, as a step that never had any. */
export function setGates(draft: FlowDraft, environment: string, gates: GateDraft[]): FlowDraft {
  return {
    ...draft,
    steps: draft.steps.map((s) => {
      if (s.environment !== environment) return s;
      const without: FlowStepDraft = { ...s };
      delete without.gates;
      return gates.length ? { ...without, gates } : without;
    }),
  };
}

export function toggleDependency(draft: FlowDraft, environment: string, dependency: string): FlowDraft {
  return {
    ...draft,
    steps: draft.steps.map((s) => {
      if (s.environment !== environment) return s;
      const has = s.dependsOn.includes(dependency);
      const dependsOn = has ? s.dependsOn.filter((d) => d !== dependency) : [...s.dependsOn, dependency];
      return { ...s, dependsOn: dependsOn.length ? dependsOn : s.dependsOn };
    }),
  };
}

/** Problems a person can fix before asking the server; the server still has the last word. */
export function draftProblems(draft: FlowDraft): string[] {
  const problems: string[] = [];
  if (!draft.name) problems.push('Give the flow a name.');
  else if (!NAME_PATTERN.test(draft.name)) {
    problems.push('The name may use a-z, 0-9 and -, up to 63 characters, starting and ending with a letter or digit.');
  }
  if (!draft.triggerEnvironment) problems.push('Select the Trigger Environment.');
  if (draft.steps.length === 0) problems.push('Add at least one target environment with the + beside a node.');
  const known = new Set(environmentsOf(draft));
  const seen = new Set<string>();
  for (const step of draft.steps) {
    if (step.environment === draft.triggerEnvironment)
      problems.push(`${step.environment} is the trigger environment and cannot also be a target.`);
    if (seen.has(step.environment)) problems.push(`${step.environment} appears twice.`);
    seen.add(step.environment);
    for (const dep of step.dependsOn) {
      if (!known.has(dep)) problems.push(`${step.environment} depends on ${dep}, which is not in the flow.`);
    }
    (step.gates ?? []).forEach((gate, i) => {
      for (const problem of Object.values(gateProblems(gate))) {
        problems.push(`${step.environment}, gate ${i + 1} (${gateKindName(gate.kind)}): ${problem}`);
      }
    });
  }
  if (hasCycle(draft)) problems.push('The steps depend on each other in a circle.');
  return problems;
}

function hasCycle(draft: FlowDraft): boolean {
  const deps = new Map(draft.steps.map((s) => [s.environment, s.dependsOn]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): boolean => {
    if (state.get(name) === 'done') return false;
    if (state.get(name) === 'visiting') return true;
    state.set(name, 'visiting');
    const cyclic = (deps.get(name) ?? []).some(visit);
    state.set(name, 'done');
    return cyclic;
  };
  return draft.steps.some((s) => visit(s.environment));
}

/** Two drafts describe the same flow (so the YAML text, with its comments, need not be regenerated). */
export function sameDraft(a: FlowDraft, b: FlowDraft): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(draft: FlowDraft): FlowDraft {
  return {
    ...draft,
    steps: draft.steps.map((s) => ({ ...s, dependsOn: [...s.dependsOn].sort(), gates: s.gates ?? [] })),
  };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
