import type { FlowGateFragment } from '../gql/graphql';
import {
  changeKind,
  gateBadge,
  gateFromFields,
  gateProblems,
  gateToFields,
  inRunOrder,
  moveGate,
  newGate,
  serverGateProblems,
  type GateDraft,
} from './flowGates';
import { draftFromFlow, draftProblems, sameDraft, setGates, type FlowDraft } from './flowModel';
import { draftToYaml, yamlToDraft } from './flowYaml';

/** Every kind, with every field away from its default, and the same kinds at their defaults. */
const everyKind: GateDraft[] = [
  { kind: 'ARGOCD', when: 'BEFORE', timeout: 'PT15M', interval: 'PT10S' },
  {
    kind: 'HTTP',
    when: 'BEFORE',
    timeout: 'PT3M',
    interval: 'PT5S',
    method: 'POST',
    url: 'https://qa.internal/check?v={{version}}&c={{commit}}',
    headers: [
      { name: 'X-Flag', value: 'true' },
      { name: 'Accept', value: 'application/json' },
      { name: 'X-Empty', value: 'null' },
    ],
    expectStatus: 204,
    expectJsonPath: "$.build['id']",
    expectValue: '1.0',
  },
  {
    kind: 'APPROVAL',
    when: 'AFTER',
    timeout: 'PT24H',
    interval: '',
    approvals: 2,
    approverRole: 'ADMIN',
    allowInitiator: false,
  },
  { kind: 'SOAK', when: 'BEFORE', timeout: '', interval: 'PT1S', duration: 'PT1M30S' },
  newGate('ARGOCD'),
  { ...(newGate('HTTP') as Extract<GateDraft, { kind: 'HTTP' }>), url: 'http://qa.internal/version' },
  newGate('APPROVAL'),
  { ...(newGate('SOAK') as Extract<GateDraft, { kind: 'SOAK' }>), duration: 'PT5M' },
];

function gated(gates: GateDraft[]): FlowDraft {
  return {
    name: 'gated',
    description: '',
    version: '',
    timeout: '',
    triggerEnvironment: 'dev',
    steps: [
      { environment: 'qa', dependsOn: ['dev'], action: 'COMMIT', gates: gates.slice(0, 4) },
      { environment: 'prod', dependsOn: ['qa'], action: 'COMMIT', gates: gates.slice(4) },
    ],
  };
}

/** What GraphQL answers for a gate: every field of every kind, the other kinds' null, defaults spelled out. */
function asGraphql(gate: GateDraft): FlowGateFragment {
  const empty = {
    timeout: gate.timeout || null,
    interval: gate.interval || null,
    method: null,
    url: null,
    headers: null,
    expectStatus: null,
    expectJsonPath: null,
    expectValue: null,
    approvals: null,
    approverRole: null,
    allowInitiator: null,
    duration: null,
  };
  const own =
    gate.kind === 'HTTP'
      ? {
          method: gate.method,
          url: gate.url,
          headers: gate.headers,
          expectStatus: gate.expectStatus,
          expectJsonPath: gate.expectJsonPath || null,
          expectValue: gate.expectValue || null,
        }
      : gate.kind === 'APPROVAL'
        ? { approvals: gate.approvals, approverRole: gate.approverRole, allowInitiator: gate.allowInitiator }
        : gate.kind === 'SOAK'
          ? { duration: gate.duration }
          : {};
  return { ...empty, ...own, kind: gate.kind, when: gate.when };
}

describe('gates in YAML', () => {
  it('write the server format: the kind as the key, defaults left out, HTTP one field a line', () => {
    const yaml = draftToYaml(gated(everyKind));
    expect(yaml).toContain(
      [
        '      gates:',
        '        - argocd: { when: BEFORE, timeout: PT15M, interval: PT10S }',
        '        - http:',
        '            method: POST',
        '            url: https://qa.internal/check?v={{version}}&c={{commit}}',
        '            headers: { X-Flag: "true", Accept: application/json, X-Empty: "null" }',
        '            expectStatus: 204',
        "            expectJsonPath: $.build['id']",
        '            expectValue: "1.0"',
        '            when: BEFORE',
        '            timeout: PT3M',
        '            interval: PT5S',
        '        - approval: { approvals: 2, approverRole: ADMIN, allowInitiator: false, when: AFTER, timeout: PT24H }',
        '        - soak: { duration: PT1M30S, when: BEFORE, interval: PT1S }',
      ].join('\n'),
    );
    expect(yaml).toContain(
      [
        '      gates:',
        '        - argocd: {}',
        '        - http:',
        '            url: http://qa.internal/version',
        '        - approval: {}',
        '        - soak: { duration: PT5M }',
      ].join('\n'),
    );
  });

  it('read back every kind as written, Chart -> YAML -> Chart', () => {
    const draft = gated(everyKind);
    expect(yamlToDraft(draftToYaml(draft))).toEqual({ draft, problems: [] });
  });

  it('read what the server wrote for the flow Chart mode wrote (FlowYaml.write) back as the same gates', () => {
    const serverWrote = `apiVersion: baton/v1
kind: PromotionFlow
metadata:
  name: gated
spec:
  triggerEnvironment: dev
  steps:
    - environment: qa
      dependsOn: [dev]
      policy:
        action: commit
      gates:
        - argocd: {when: BEFORE, timeout: PT15M, interval: PT10S}
        - http:
            method: POST
            url: https://qa.internal/check?v={{version}}&c={{commit}}
            headers: {X-Flag: 'true', Accept: application/json, X-Empty: 'null'}
            expectStatus: 204
            expectJsonPath: $.build['id']
            expectValue: '1.0'
            when: BEFORE
            timeout: PT3M
            interval: PT5S
        - approval: {approvals: 2, approverRole: ADMIN, allowInitiator: false, when: AFTER, timeout: PT24H}
        - soak: {duration: PT1M30S, when: BEFORE, interval: PT1S}
    - environment: prod
      dependsOn: [qa]
      policy:
        action: commit
      gates:
        - argocd: {}
        - http:
            url: http://qa.internal/version
        - approval: {}
        - soak: {duration: PT5M}
  promotionTimeoutLimit: 1440
`;
    const draft = gated(everyKind);
    expect(yamlToDraft(serverWrote)).toEqual({ draft: { ...draft, timeout: 'PT1440M' }, problems: [] });
  });

  it("read the server's own YAML, with the defaults it leaves out", () => {
    const reading = yamlToDraft(`apiVersion: baton/v1
kind: PromotionFlow
metadata:
  name: gated
spec:
  triggerEnvironment: dev
  steps:
    - environment: qa
      dependsOn: [dev]
      gates:
        - argocd: {}
        - argocd:
        - http:
            method: POST
            url: "http://qa.internal/version"
            headers: {X-Flag: "true"}
            expectStatus: 201
            expectJsonPath: "$.version"
            expectValue: "{{version}}"
            timeout: PT10M
        - soak: {duration: PT10M, when: before}
    - environment: prod
      dependsOn: [qa]
      gates:
        - approval: {approvals: 2, allowInitiator: false, approverRole: ADMIN, when: AFTER}
`);
    expect(reading.problems).toEqual([]);
    expect(reading.draft?.steps.map((s) => s.gates)).toEqual([
      [
        newGate('ARGOCD'),
        newGate('ARGOCD'),
        {
          kind: 'HTTP',
          when: 'AFTER',
          timeout: 'PT10M',
          interval: '',
          method: 'POST',
          url: 'http://qa.internal/version',
          headers: [{ name: 'X-Flag', value: 'true' }],
          expectStatus: 201,
          expectJsonPath: '$.version',
          expectValue: '{{version}}',
        },
        { kind: 'SOAK', when: 'BEFORE', timeout: '', interval: '', duration: 'PT10M' },
      ],
      [
        {
          kind: 'APPROVAL',
          when: 'AFTER',
          timeout: '',
          interval: '',
          approvals: 2,
          approverRole: 'ADMIN',
          allowInitiator: false,
        },
      ],
    ]);
  });

  it('report at its line what the server would refuse, rather than drop it', () => {
    const yaml = (gates: string) =>
      `apiVersion: baton/v1\nkind: PromotionFlow\nmetadata:\n  name: g\nspec:\n  triggerEnvironment: dev\n  steps:\n    - environment: qa\n      gates:\n${gates}`;
    const problems = (gates: string) => yamlToDraft(yaml(gates)).problems;
    expect(problems('        - smoke: {}\n')).toEqual([
      {
        line: 10,
        message: 'spec.steps[0].gates[0]: "smoke" is not a kind of gate; use argocd, http, approval or soak.',
      },
    ]);
    expect(problems('        - soak: {duration: PT1M, url: "http://x"}\n')[0]).toMatchObject({
      line: 10,
      message: expect.stringContaining('spec.steps[0].gates[0].soak.url: a SOAK gate has no such field'),
    });
    expect(problems('        - approval:\n            approvals: two\n')).toEqual([
      { line: 11, message: 'spec.steps[0].gates[0].approval.approvals: must be a whole number, not "two".' },
    ]);
    expect(problems('        - approval: {approverRole: boss}\n')[0].message).toContain('"boss" is not a role');
    expect(problems('        - soak: {duration: 10m}\n')[0].message).toContain('not an ISO-8601 duration');
    expect(problems('        - argocd: {when: during}\n')[0].message).toContain('"during" is not before or after');
    expect(problems('        - argocd: {}\n          soak: {}\n')[0].message).toContain('must be one of argocd');
    expect(problems('        soak: {}\n')[0].message).toContain('must be a list of gates');
  });
});

describe('gates in GraphQL', () => {
  it('load every kind from FlowStep.gates as YAML reads it, so an untouched flow is not rewritten', () => {
    const draft = gated(everyKind);
    const flow = {
      ...draft,
      triggerEnvironment: { name: 'dev' },
      steps: draft.steps.map((s) => ({
        environment: { name: s.environment },
        dependsOn: s.dependsOn.map((name) => ({ name })),
        action: s.action,
        gates: (s.gates ?? []).map(asGraphql),
      })),
    };
    const loaded = draftFromFlow(flow);
    expect(loaded).toEqual(draft);
    expect(sameDraft(loaded, yamlToDraft(draftToYaml(draft)).draft!)).toBe(true);
  });

  it('give GateInput only the fields of the kind that differ from the defaults', () => {
    expect(everyKind.map(gateToFields).slice(4)).toEqual([
      { kind: 'ARGOCD' },
      { kind: 'HTTP', url: 'http://qa.internal/version' },
      { kind: 'APPROVAL' },
      { kind: 'SOAK', duration: 'PT5M' },
    ]);
    for (const gate of everyKind) expect(gateFromFields(gateToFields(gate))).toEqual(gate);
  });

  it('keep gates when something else of the flow is edited', () => {
    const draft = gated(everyKind);
    const edited = { ...draft, description: 'now described', steps: [...draft.steps] };
    expect(yamlToDraft(draftToYaml(edited)).draft?.steps.map((s) => s.gates)).toEqual(draft.steps.map((s) => s.gates));
  });
});

describe('editing gates', () => {
  it('defaults when per kind as the server does: approvals before the action, the rest after', () => {
    expect(['ARGOCD', 'HTTP', 'APPROVAL', 'SOAK'].map((k) => newGate(k as GateDraft['kind']).when)).toEqual([
      'AFTER',
      'AFTER',
      'BEFORE',
      'AFTER',
    ]);
    expect(changeKind(newGate('SOAK'), 'APPROVAL').when).toBe('BEFORE');
    expect(changeKind({ ...newGate('SOAK'), when: 'BEFORE', timeout: 'PT1H' }, 'HTTP')).toMatchObject({
      kind: 'HTTP',
      when: 'BEFORE',
      timeout: 'PT1H',
      method: 'GET',
      expectStatus: 200,
    });
  });

  it('moves a gate past its neighbour of the same group, the order they run in', () => {
    const a = { ...newGate('ARGOCD'), timeout: 'PT1M' };
    const approval = newGate('APPROVAL');
    const b = { ...newGate('ARGOCD'), timeout: 'PT2M' };
    expect(moveGate([a, approval, b], 2, -1)).toEqual([b, approval, a]);
    expect(moveGate([a, approval, b], 0, -1)).toEqual([a, approval, b]);
    expect(moveGate([a, approval, b], 1, 1)).toEqual([a, approval, b]);
    expect(inRunOrder([a, approval, b])).toEqual([approval, a, b]);
  });

  it('removes the gates field with the last gate', () => {
    const draft = gated(everyKind);
    expect(setGates(draft, 'qa', []).steps[0]).toEqual({ environment: 'qa', dependsOn: ['dev'], action: 'COMMIT' });
    expect(setGates(draft, 'prod', [newGate('ARGOCD')]).steps[1].gates).toEqual([newGate('ARGOCD')]);
  });

  it('names the badges of a node compactly', () => {
    expect(everyKind.map(gateBadge)).toEqual([
      'Argo CD',
      'HTTP',
      'approval x2',
      'soak 1m30s',
      'Argo CD',
      'HTTP',
      'approval',
      'soak 5m',
    ]);
  });

  it('finds the obvious problems before the server does, by field', () => {
    const http = newGate('HTTP') as Extract<GateDraft, { kind: 'HTTP' }>;
    expect(gateProblems(http)).toEqual({ url: 'Give the URL to ask.' });
    expect(gateProblems({ ...http, url: 'qa.internal', expectStatus: NaN, expectJsonPath: '$.v' })).toEqual({
      url: 'The URL must start with http:// or https://.',
      expectStatus: 'The expected status must be an HTTP status, 100 to 599.',
      expectValue: 'Give the value the JSONPath must have.',
    });
    expect(
      gateProblems({ ...(newGate('APPROVAL') as Extract<GateDraft, { kind: 'APPROVAL' }>), approvals: 0 }),
    ).toEqual({
      approvals: 'The number of approvals must be a whole number from 1 to 10.',
    });
    expect(gateProblems(newGate('SOAK'))).toEqual({ duration: 'Give how long the version must soak.' });
    expect(gateProblems(newGate('ARGOCD'))).toEqual({});
    expect(draftProblems(gated([newGate('ARGOCD'), newGate('SOAK')]))).toEqual([
      'qa, gate 2 (Soak): Give how long the version must soak.',
    ]);
  });
});

describe("the server's word about a gate", () => {
  it('names the step, the gate and the field of each problem its validation finds', () => {
    expect(
      serverGateProblems(
        'spec.steps[1].gates[0] (line 10): steps[1].gates[0] (HTTP gate of step "prod"): url uses {{versoin}}, which is not one of the release\'s variables; expectStatus 700 is not an HTTP status (100 to 599); header X-A must not contain a line break',
      ),
    ).toEqual([
      {
        step: 1,
        gate: 0,
        field: 'url',
        message: "url uses {{versoin}}, which is not one of the release's variables",
      },
      { step: 1, gate: 0, field: 'expectStatus', message: 'expectStatus 700 is not an HTTP status (100 to 599)' },
      { step: 1, gate: 0, field: 'headers', message: 'header X-A must not contain a line break' },
    ]);
    expect(
      serverGateProblems('steps[0].gates[2] (SOAK gate of step "qa"): a soak needs a duration').map((p) => p.field),
    ).toEqual(['duration']);
    expect(
      serverGateProblems('steps[0].gates[0] (APPROVAL gate of step "qa"): approvals must be between 1 and 10')[0],
    ).toMatchObject({ field: 'approvals', gate: 0 });
  });

  it("names the field its YAML reader names, and nothing when the error is not a gate's", () => {
    expect(serverGateProblems('spec.steps[0].gates[1].http.expectStatus (line 14): must be a whole number')).toEqual([
      { step: 0, gate: 1, field: 'expectStatus', message: 'must be a whole number' },
    ]);
    expect(serverGateProblems('spec.steps[1].environment: no environment named prdo')).toEqual([]);
    expect(
      serverGateProblems('steps[0].gates[0] (ARGOCD gate of step "qa"): duration is for SOAK gates, not ARGOCD'),
    ).toEqual([{ step: 0, gate: 0, field: null, message: 'duration is for SOAK gates, not ARGOCD' }]);
  });
});
