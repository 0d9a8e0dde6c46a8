// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { CombinedError, type Client } from '@urql/core';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { fromValue, never } from 'wonka';
import { FlowBuilder } from './FlowBuilder';

/** The flow as the server stores it: FlowStep.gates with defaults spelled out, and its YAML. */
const SERVER_YAML = `apiVersion: baton/v1
kind: PromotionFlow
metadata:
  name: gated
spec:
  triggerEnvironment: dev
  steps:
    - environment: qa
      dependsOn: [dev]
      gates:
        - http:
            url: "https://qa.internal/{{versoin}}"
            expectJsonPath: $.version
            expectValue: "{{version}}"
        - soak: {duration: PT5M}
    - environment: prod
      dependsOn: [qa]
      gates:
        - approval: {approvals: 2, allowInitiator: false}
  promotionTimeoutLimit: 60
`;

const nulls = {
  timeout: null,
  interval: null,
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

const data = {
  environments: ['dev', 'qa', 'prod'].map((name, position) => ({
    id: String(position + 1),
    name,
    kind: name === 'prod' ? 'PROD' : 'NON_PROD',
    position,
  })),
  promotionFlows: [{ id: '7', name: 'gated' }],
  promotionFlow: {
    id: '7',
    name: 'gated',
    description: null,
    version: null,
    timeout: 'PT1H',
    yaml: SERVER_YAML,
    triggerEnvironment: { id: '1', name: 'dev' },
    steps: [
      {
        environment: { id: '2', name: 'qa' },
        dependsOn: [{ id: '1', name: 'dev' }],
        action: null,
        gates: [
          {
            ...nulls,
            kind: 'HTTP',
            when: 'AFTER',
            method: 'GET',
            url: 'https://qa.internal/{{versoin}}',
            headers: [],
            expectStatus: 200,
            expectJsonPath: '$.version',
            expectValue: '{{version}}',
          },
          { ...nulls, kind: 'SOAK', when: 'AFTER', duration: 'PT5M' },
        ],
      },
      {
        environment: { id: '3', name: 'prod' },
        dependsOn: [{ id: '2', name: 'qa' }],
        action: null,
        gates: [
          { ...nulls, kind: 'APPROVAL', when: 'BEFORE', approvals: 2, approverRole: 'PROMOTER', allowInitiator: false },
        ],
      },
    ],
  },
};

const REFUSAL =
  'spec.steps[0].gates[0] (line 11): steps[0].gates[0] (HTTP gate of step "qa"): url uses {{versoin}}, which is not one of the release\'s variables ({{version}}, {{commit}}, {{environment}}, {{product}}, {{release}})';

function renderBuilder(answer: () => object) {
  const saved: string[] = [];
  const client = {
    executeQuery: () => fromValue({ data, stale: false, hasNext: false }),
    executeMutation: (request: { variables: { yaml: string } }) => {
      saved.push(request.variables.yaml);
      return fromValue({ ...answer(), stale: false, hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={['/flows/gated']}>
        <Routes>
          <Route path="/flows" element={<p>Promotion Flows list</p>} />
          <Route path="/flows/:name" element={<FlowBuilder />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return saved;
}

describe('the Flow Builder with gates', () => {
  beforeAll(() => {
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
  });
  afterAll(() => vi.unstubAllGlobals());
  afterEach(cleanup);

  it('saves a loaded flow whose description changed with its gates exactly as the server wrote them', async () => {
    const saved = renderBuilder(() => ({ data: { applyPromotionFlowYaml: { id: '7', name: 'gated', yaml: '' } } }));
    fireEvent.change(await screen.findByLabelText('Description (optional)'), { target: { value: 'Gated' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save Promotion Flow' }));
    await screen.findByText('Promotion Flows list');
    expect(saved).toHaveLength(1);
    const gates = saved[0].slice(saved[0].indexOf('  steps:'), saved[0].indexOf('  promotionTimeoutLimit'));
    expect(gates).toBe(
      [
        '  steps:',
        '    - environment: qa',
        '      dependsOn: [ dev ]',
        '      gates:',
        '        - http:',
        '            url: https://qa.internal/{{versoin}}',
        '            expectJsonPath: $.version',
        '            expectValue: "{{version}}"',
        '        - soak: { duration: PT5M }',
        '    - environment: prod',
        '      dependsOn: [ qa ]',
        '      gates:',
        '        - approval: { approvals: 2, allowInitiator: false }',
        '',
      ].join('\n'),
    );
  });

  it("shows the server's refusal of a gate next to the field it names, in Chart mode", async () => {
    renderBuilder(() => ({
      error: new CombinedError({
        graphQLErrors: [{ message: REFUSAL, extensions: { code: 'BAD_USER_INPUT' } }],
      }),
    }));
    fireEvent.click(await screen.findByRole('button', { name: 'Save Promotion Flow' }));
    const panel = await screen.findByRole('region', { name: 'Step: qa' });
    const url = within(panel).getByLabelText('URL');
    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(url.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /^url uses \{\{versoin\}\}, which is not one of the release's variables/,
    );
    expect(screen.getByRole('button', { name: 'Chart' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.change(url, { target: { value: 'https://qa.internal/{{version}}' } });
    expect(url.getAttribute('aria-invalid')).toBeNull();
  });

  it('opens a step from its node, whose badges show its gates', async () => {
    renderBuilder(() => ({}));
    const badges = await screen.findByRole('list', { name: 'Gates of prod' });
    expect(badges.textContent).toBe('approval x2');
    expect(screen.getByRole('list', { name: 'Gates of qa' }).textContent).toBe('HTTPsoak 5m');
    fireEvent.click(screen.getByRole('button', { name: 'Gates of prod: edit in the settings panel' }));
    const panel = screen.getByRole('region', { name: 'Step: prod' });
    expect((within(panel).getByLabelText('Approvals') as HTMLInputElement).value).toBe('2');
  });
});
