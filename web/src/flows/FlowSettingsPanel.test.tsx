// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { emptyDraft, type FlowDraft } from './flowModel';
import { FlowSettingsPanel } from './FlowSettingsPanel';

function Harness({ onDraft, initial = emptyDraft() }: { onDraft: (d: FlowDraft) => void; initial?: FlowDraft }) {
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
    />
  );
}

describe('the Flow Builder settings panel', () => {
  afterEach(cleanup);

  it('labels every field the quick start names', () => {
    render(<Harness onDraft={() => {}} />);
    for (const label of ['Name', 'Description (optional)', 'Flow Timeout', 'Version (optional)']) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    expect(screen.getByRole('button', { name: 'Close the settings panel' })).toBeTruthy();
  });

  it('turns 5 minutes into PT5M, and an emptied timeout into the default', () => {
    const drafts: FlowDraft[] = [];
    render(<Harness onDraft={(d) => drafts.push(d)} />);
    fireEvent.change(screen.getByLabelText('Timeout unit'), { target: { value: 'minutes' } });
    fireEvent.change(screen.getByLabelText('Flow Timeout'), { target: { value: '5' } });
    expect(drafts[drafts.length - 1].timeout).toBe('PT5M');
    fireEvent.change(screen.getByLabelText('Flow Timeout'), { target: { value: '' } });
    expect(drafts[drafts.length - 1].timeout).toBe('');
  });

  it('shows a timeout read from YAML in its largest whole unit', () => {
    render(<Harness onDraft={() => {}} initial={{ ...emptyDraft(), timeout: 'PT24H' }} />);
    expect((screen.getByLabelText('Flow Timeout') as HTMLInputElement).value).toBe('24');
    expect((screen.getByLabelText('Timeout unit') as HTMLSelectElement).value).toBe('hours');
  });
});
