import {
  addTarget,
  availableTargets,
  draftProblems,
  emptyDraft,
  removeStep,
  sameDraft,
  setTrigger,
  toggleDependency,
  type FlowDraft,
} from './flowModel';

function sequential(): FlowDraft {
  let draft = setTrigger({ ...emptyDraft(), name: 'multi-env-sequential-promotion' }, 'dev');
  draft = addTarget(draft, 'dev', 'qa');
  return addTarget(draft, 'qa', 'prod');
}

describe('the flow model', () => {
  it('builds the quick start flow with the + beside each node', () => {
    const draft = sequential();
    expect(draft.triggerEnvironment).toBe('dev');
    expect(draft.steps).toEqual([
      { environment: 'qa', dependsOn: ['dev'], action: null },
      { environment: 'prod', dependsOn: ['qa'], action: null },
    ]);
    expect(draftProblems(draft)).toEqual([]);
  });

  it('adds parallel branches when + is used twice on one node', () => {
    let draft = setTrigger(emptyDraft(), 'dev');
    draft = addTarget(draft, 'dev', 'qa');
    draft = addTarget(draft, 'dev', 'staging');
    expect(draft.steps.map((s) => s.dependsOn)).toEqual([['dev'], ['dev']]);
  });

  it('never adds an environment twice', () => {
    const draft = sequential();
    expect(addTarget(draft, 'prod', 'qa')).toBe(draft);
    expect(availableTargets(draft, ['dev', 'qa', 'staging', 'prod'])).toEqual(['staging']);
  });

  it('keeps the chain joined when a middle step is removed', () => {
    const draft = removeStep(sequential(), 'qa');
    expect(draft.steps).toEqual([{ environment: 'prod', dependsOn: ['dev'], action: null }]);
  });

  it('moves dependants of the old trigger to the new one', () => {
    const draft = setTrigger(sequential(), 'qa');
    expect(draft.triggerEnvironment).toBe('qa');
    expect(draft.steps).toEqual([{ environment: 'prod', dependsOn: ['qa'], action: null }]);
  });

  it('toggles a join but never leaves a step depending on nothing', () => {
    let draft = addTarget(setTrigger(emptyDraft(), 'dev'), 'dev', 'qa');
    draft = addTarget(draft, 'dev', 'staging');
    draft = addTarget(draft, 'qa', 'prod');
    draft = toggleDependency(draft, 'prod', 'staging');
    expect(draft.steps.find((s) => s.environment === 'prod')?.dependsOn).toEqual(['qa', 'staging']);
    draft = toggleDependency(draft, 'prod', 'qa');
    draft = toggleDependency(draft, 'prod', 'staging');
    expect(draft.steps.find((s) => s.environment === 'prod')?.dependsOn).toEqual(['staging']);
  });

  it('explains what is missing in words', () => {
    expect(draftProblems(emptyDraft())).toEqual([
      'Give the flow a name.',
      'Select the Trigger Environment.',
      'Add at least one target environment with the + beside a node.',
    ]);
    expect(draftProblems({ ...sequential(), name: 'Bad Name' })[0]).toMatch(/a-z, 0-9 and -/);
  });

  it('finds a circle of dependencies', () => {
    const draft: FlowDraft = {
      ...sequential(),
      steps: [
        { environment: 'qa', dependsOn: ['prod'], action: 'COMMIT' },
        { environment: 'prod', dependsOn: ['qa'], action: 'COMMIT' },
      ],
    };
    expect(draftProblems(draft)).toContain('The steps depend on each other in a circle.');
  });

  it('compares drafts regardless of the order of dependencies', () => {
    const a: FlowDraft = {
      ...sequential(),
      steps: [{ environment: 'prod', dependsOn: ['qa', 'dev'], action: 'COMMIT' }],
    };
    const b: FlowDraft = {
      ...sequential(),
      steps: [{ environment: 'prod', dependsOn: ['dev', 'qa'], action: 'COMMIT' }],
    };
    expect(sameDraft(a, b)).toBe(true);
    expect(sameDraft(a, { ...b, version: '2' })).toBe(false);
  });
});
