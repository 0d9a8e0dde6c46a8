import { draftToYaml, keepVendorFields, locateError, yamlToDraft } from './flowYaml';
import type { FlowDraft } from './flowModel';

const quickStart: FlowDraft = {
  name: 'multi-env-sequential-promotion',
  description: 'Sequential promotion through dev, qa and prod',
  version: '1.0',
  timeout: 'PT5M',
  triggerEnvironment: 'dev',
  steps: [
    { environment: 'qa', dependsOn: ['dev'], action: null },
    { environment: 'prod', dependsOn: ['qa'], action: 'NONE' },
  ],
};

describe('flow YAML', () => {
  it('writes the format the server accepts', () => {
    expect(draftToYaml(quickStart)).toBe(
      [
        'apiVersion: baton/v1',
        'kind: PromotionFlow',
        'metadata:',
        '  name: multi-env-sequential-promotion',
        '  annotations:',
        '    description: Sequential promotion through dev, qa and prod',
        '    version: "1.0"',
        'spec:',
        '  triggerEnvironment: dev',
        '  steps:',
        '    - environment: qa',
        '      dependsOn: [ dev ]',
        '    - environment: prod',
        '      dependsOn: [ qa ]',
        '      policy:',
        '        action: none',
        '  promotionTimeoutLimit: 5',
        '',
      ].join('\n'),
    );
  });

  it('reads back what it writes', () => {
    expect(yamlToDraft(draftToYaml(quickStart))).toEqual({ draft: quickStart, problems: [] });
  });

  it('keeps an explicit commit apart from an action left to the promotion policies', () => {
    const explicit: FlowDraft = {
      ...quickStart,
      steps: [{ environment: 'qa', dependsOn: ['dev'], action: 'COMMIT' }, quickStart.steps[1]],
    };
    const yaml = draftToYaml(explicit);
    expect(yaml).toContain('    - environment: qa\n      dependsOn: [ dev ]\n      policy:\n        action: commit\n');
    expect(yamlToDraft(yaml).draft?.steps[0].action).toBe('COMMIT');
    expect(yamlToDraft(draftToYaml(quickStart)).draft?.steps[0].action).toBeNull();
  });

  it('writes a pull request step as the vendor pr action and reads it back', () => {
    const byPr: FlowDraft = {
      ...quickStart,
      steps: [{ environment: 'prod', dependsOn: ['dev'], action: 'PULL_REQUEST' }],
    };
    const yaml = draftToYaml(byPr);
    expect(yaml).toContain('action: pr');
    expect(yamlToDraft(yaml)).toEqual({ draft: byPr, problems: [] });
  });

  it('keeps a timeout that is not whole minutes as an ISO duration', () => {
    const yaml = draftToYaml({ ...quickStart, timeout: 'PT30S' });
    expect(yaml).toContain('timeout: PT30S');
    expect(yamlToDraft(yaml).draft?.timeout).toBe('PT30S');
  });

  it('reads the vendor format, a step without dependsOn depending on the one before it', () => {
    const reading = yamlToDraft(`apiVersion: codefresh.io/v1beta1
kind: PromotionFlow
metadata:
  name: seq
  annotations:
    version: 1.0
spec:
  triggerEnvironment: dev
  steps:
    - environment: qa
    - environment: staging
    - environment: prod
      dependsOn: [qa, staging]
  promotionTimeoutLimit: 5
`);
    expect(reading.problems).toEqual([]);
    expect(reading.draft?.version).toBe('1.0');
    expect(reading.draft?.timeout).toBe('PT5M');
    expect(reading.draft?.steps.map((s) => [s.environment, s.dependsOn])).toEqual([
      ['qa', ['dev']],
      ['staging', ['qa']],
      ['prod', ['qa', 'staging']],
    ]);
  });

  it("reads the vendor's older form, whose spec holds only properties", () => {
    const reading = yamlToDraft(`apiVersion: codefresh.io/v1beta1
kind: PromotionFlow
metadata:
  name: global-parallel-flow
spec:
  properties:
    triggerEnvironment: dev
    steps:
    - environment: qa
      dependsOn:
        - dev
    - environment: staging
      policy:
        preAction: pre-action
        action: commit
`);
    expect(reading.problems).toEqual([]);
    expect(reading.draft?.triggerEnvironment).toBe('dev');
    expect(reading.draft?.steps.map((s) => [s.environment, s.dependsOn])).toEqual([
      ['qa', ['dev']],
      ['staging', ['qa']],
    ]);
  });

  it("keeps the vendor's hooks and pre/post-actions when the Chart mode writes the flow again", () => {
    const server = `apiVersion: baton/v1
kind: PromotionFlow
metadata:
  name: global-parallel-flow
spec:
  triggerEnvironment: dev
  steps:
    - environment: staging
      dependsOn: [dev]
      policy:
        action: commit
        preAction: pre-action
      hooks:
        onStart: slack-start-hook
    - environment: production
      dependsOn: [staging]
      policy:
        action: commit
  promotionTimeoutLimit: 1440
  hooks:
    onFail: slack-fail-hook
`;
    const draft = yamlToDraft(server).draft!;
    const edited = { ...draft, steps: [...draft.steps, { environment: 'qa', dependsOn: ['dev'], action: 'COMMIT' }] };

    const text = keepVendorFields(server, draftToYaml(edited as typeof draft));

    expect(text).toContain('      policy:\n        action: commit\n        preAction: pre-action\n');
    expect(text).toContain('      hooks:\n        onStart: slack-start-hook\n');
    expect(text).toContain('  hooks:\n    onFail: slack-fail-hook\n');
    expect(text).toContain('- environment: qa');
    expect(yamlToDraft(text).draft?.steps.map((s) => s.environment)).toEqual(['staging', 'production', 'qa']);
  });

  it('reports a syntax error at its line', () => {
    const reading = yamlToDraft('kind: PromotionFlow\nmetadata:\n  name: x\n   bad: [\n');
    expect(reading.draft).toBeNull();
    expect(reading.problems[0].line).toBeGreaterThanOrEqual(3);
  });

  it('reports missing fields where they belong', () => {
    const reading = yamlToDraft(
      'apiVersion: baton/v1\nkind: PromotionFlow\nmetadata:\n  name: x\nspec:\n  steps:\n    - dependsOn: [dev]\n',
    );
    expect(reading.problems).toEqual([
      { line: 5, message: 'spec.triggerEnvironment is missing.' },
      { line: 7, message: 'spec.steps[0].environment is missing.' },
    ]);
  });
});

describe('placing a server error in the YAML', () => {
  const yaml = draftToYaml({
    ...quickStart,
    steps: [
      { environment: 'qa', dependsOn: ['dev'], action: null },
      { environment: 'prdo', dependsOn: ['qa'], action: null },
    ],
  });

  it('uses the line the server names', () => {
    expect(locateError(yaml, 'line 13: environment "prdo" does not exist')).toBe(13);
  });

  it('finds the field the server names', () => {
    expect(locateError(yaml, 'spec.steps[1].environment: no environment named prdo')).toBe(13);
    expect(locateError(yaml, 'spec.triggerEnvironment is required')).toBe(9);
  });

  it('falls back to the line holding the quoted value', () => {
    expect(locateError(yaml, 'environment "prdo" does not exist')).toBe(13);
  });

  it('gives up rather than guess', () => {
    expect(locateError(yaml, 'something went wrong')).toBeNull();
  });
});
