// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { newGate, type GateDraft, type ServerGateProblem } from './flowGates';
import type { FlowDraft } from './flowModel';
import { FlowSettingsPanel } from './FlowSettingsPanel';

function flow(gates?: GateDraft[]): FlowDraft {
  return {
    name: 'gated',
    description: '',
    version: '',
    timeout: '',
    triggerEnvironment: 'dev',
    steps: [
      { environment: 'qa', dependsOn: ['dev'], action: 'COMMIT', ...(gates ? { gates } : {}) },
      { environment: 'prod', dependsOn: ['qa'], action: 'COMMIT' },
    ],
  };
}

function Harness({
  initial,
  onDraft = () => {},
  problems = [],
  selected = 'qa',
}: {
  initial: FlowDraft;
  onDraft?: (d: FlowDraft) => void;
  problems?: ServerGateProblem[];
  selected?: string | null;
}) {
  const [draft, setDraft] = useState(initial);
  return (
    <FlowSettingsPanel
      draft={draft}
      onChange={(d) => {
        setDraft(d);
        onDraft(d);
      }}
      onClose={() => {}}
      renaming={false}
      selected={selected}
      gateProblems={problems}
    />
  );
}

const gate = (n: number) => screen.getByRole('group', { name: new RegExp(`^Gate ${n}:`) });
/** The group titles and the gates' numbers as the panel lists them. */
const runOrder = () =>
  [...document.querySelectorAll('[data-group], [data-gate]')].map(
    (e) => e.getAttribute('data-group') ?? e.getAttribute('data-gate'),
  );
const lastGates = (drafts: FlowDraft[]) => drafts[drafts.length - 1].steps[0].gates;

describe("a step's gates in the settings panel", () => {
  afterEach(cleanup);

  it('shows nothing of a step until one is selected', () => {
    render(<Harness initial={flow()} selected={null} />);
    expect(screen.queryByRole('heading', { name: 'Step: qa' })).toBeNull();
    expect(screen.getByLabelText('Name')).toBeTruthy();
  });

  it('adds a gate of every kind, each with the when the server defaults it to', () => {
    const drafts: FlowDraft[] = [];
    render(<Harness initial={flow()} onDraft={(d) => drafts.push(d)} />);
    expect(screen.getByRole('heading', { name: 'Step: qa' })).toBeTruthy();
    for (const kind of ['ARGOCD', 'HTTP', 'APPROVAL', 'SOAK']) {
      fireEvent.change(screen.getByLabelText('Add a gate'), { target: { value: kind } });
      fireEvent.click(screen.getByRole('button', { name: 'Add gate' }));
    }
    expect(lastGates(drafts)).toEqual([newGate('ARGOCD'), newGate('HTTP'), newGate('APPROVAL'), newGate('SOAK')]);
    expect(drafts[drafts.length - 1].steps[1]).toEqual({ environment: 'prod', dependsOn: ['qa'], action: 'COMMIT' });
    expect((within(gate(3)).getByLabelText('When') as HTMLSelectElement).value).toBe('BEFORE');
    expect((within(gate(4)).getByLabelText('When') as HTMLSelectElement).value).toBe('AFTER');
  });

  it("edits an HTTP gate's request, what it expects and its timing", () => {
    const drafts: FlowDraft[] = [];
    render(<Harness initial={flow([newGate('HTTP')])} onDraft={(d) => drafts.push(d)} />);
    const http = within(gate(1));
    fireEvent.change(http.getByLabelText('Method'), { target: { value: 'POST' } });
    fireEvent.change(http.getByLabelText('URL'), { target: { value: 'https://qa.internal/version' } });
    fireEvent.click(http.getByRole('button', { name: 'Add a header' }));
    fireEvent.change(http.getByLabelText('Header 1 name'), { target: { value: 'Accept' } });
    fireEvent.change(http.getByLabelText('Header 1 value'), { target: { value: 'application/json' } });
    fireEvent.change(http.getByLabelText('Expected status'), { target: { value: '204' } });
    fireEvent.change(http.getByLabelText('JSONPath (optional)'), { target: { value: '$.version' } });
    fireEvent.change(http.getByLabelText('Expected value (optional)'), { target: { value: '{{version}}' } });
    fireEvent.change(http.getByLabelText('When'), { target: { value: 'BEFORE' } });
    expect(runOrder()).toEqual(['BEFORE', '1', 'AFTER']);
    fireEvent.change(http.getByLabelText("Unit of gate 1's timeout"), { target: { value: 'minutes' } });
    fireEvent.change(http.getByLabelText('Timeout'), { target: { value: '3' } });
    fireEvent.change(http.getByLabelText('Check every'), { target: { value: '5' } });
    expect(lastGates(drafts)).toEqual([
      {
        kind: 'HTTP',
        when: 'BEFORE',
        timeout: 'PT3M',
        interval: 'PT5S',
        method: 'POST',
        url: 'https://qa.internal/version',
        headers: [{ name: 'Accept', value: 'application/json' }],
        expectStatus: 204,
        expectJsonPath: '$.version',
        expectValue: '{{version}}',
      },
    ]);
    fireEvent.click(within(gate(1)).getByRole('button', { name: 'Remove header 1' }));
    expect(lastGates(drafts)?.[0]).toMatchObject({ headers: [] });
  });

  it("edits an approval's count, role and initiator, and a soak's duration", () => {
    const drafts: FlowDraft[] = [];
    render(<Harness initial={flow([newGate('APPROVAL'), newGate('SOAK')])} onDraft={(d) => drafts.push(d)} />);
    fireEvent.change(within(gate(1)).getByLabelText('Approvals'), { target: { value: '2' } });
    fireEvent.change(within(gate(1)).getByLabelText('Approver role'), { target: { value: 'ADMIN' } });
    fireEvent.click(within(gate(1)).getByLabelText("The release's initiator may approve"));
    fireEvent.change(within(gate(2)).getByLabelText('Soak duration'), { target: { value: '5' } });
    expect(lastGates(drafts)).toEqual([
      { ...newGate('APPROVAL'), approvals: 2, approverRole: 'ADMIN', allowInitiator: false },
      { ...newGate('SOAK'), duration: 'PT5M' },
    ]);
  });

  it('changes a kind, keeping the timing, and reorders and removes gates within the order they run', () => {
    const drafts: FlowDraft[] = [];
    const a = { ...newGate('ARGOCD'), timeout: 'PT1M' };
    const b = { ...newGate('SOAK'), duration: 'PT2M' };
    render(<Harness initial={flow([a, newGate('APPROVAL'), b])} onDraft={(d) => drafts.push(d)} />);
    expect(runOrder()).toEqual(['BEFORE', '2', 'AFTER', '1', '3']);
    expect((screen.getByRole('button', { name: 'Move gate 1 (Argo CD) earlier' }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Move gate 3 (Soak) earlier' }));
    expect(lastGates(drafts)).toEqual([b, newGate('APPROVAL'), a]);

    fireEvent.change(within(gate(3)).getByLabelText('Kind'), { target: { value: 'HTTP' } });
    expect(lastGates(drafts)?.[2]).toEqual({ ...newGate('HTTP'), timeout: 'PT1M' });

    fireEvent.click(screen.getByRole('button', { name: 'Remove gate 2 (Approval)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove gate 1 (Soak)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove gate 1 (HTTP)' }));
    expect(drafts[drafts.length - 1].steps[0]).toEqual({ environment: 'qa', dependsOn: ['dev'], action: 'COMMIT' });
    expect(screen.getAllByText('No gates.')).toHaveLength(2);
  });

  it('says next to the field what is obviously missing', () => {
    render(
      <Harness
        initial={flow([newGate('HTTP'), { ...newGate('APPROVAL'), approvals: 0 } as GateDraft, newGate('SOAK')])}
      />,
    );
    const url = within(gate(1)).getByLabelText('URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(url.getAttribute('aria-describedby')!)?.textContent).toBe('Give the URL to ask.');
    fireEvent.change(url, { target: { value: 'https://qa.internal' } });
    expect(within(gate(1)).queryByText('Give the URL to ask.')).toBeNull();
    expect(within(gate(2)).getByText('The number of approvals must be a whole number from 1 to 10.')).toBeTruthy();
    expect(within(gate(3)).getByText('Give how long the version must soak.')).toBeTruthy();
  });

  it("shows the server's word next to the field it names, and at the gate when it names none", () => {
    const http = { ...newGate('HTTP'), url: 'https://qa.internal/{{versoin}}' };
    render(
      <Harness
        initial={flow([newGate('ARGOCD'), http])}
        problems={[
          { step: 0, gate: 1, field: 'url', message: 'url uses {{versoin}}, which is not one of the variables' },
          { step: 0, gate: 0, field: null, message: 'duration is for SOAK gates, not ARGOCD' },
        ]}
      />,
    );
    const url = within(gate(2)).getByLabelText('URL');
    expect(document.getElementById(url.getAttribute('aria-describedby')!)?.textContent).toBe(
      'url uses {{versoin}}, which is not one of the variables',
    );
    expect(within(gate(1)).getByRole('alert').textContent).toBe('duration is for SOAK gates, not ARGOCD');
  });
});
