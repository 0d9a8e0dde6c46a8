// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { newGate, type GateDraft } from './flowGates';
import { GateBadges } from './GateBadges';

describe("a step's node in Chart mode", () => {
  afterEach(cleanup);

  it('shows its gates compactly, BEFORE ones first, then AFTER ones, each as written', () => {
    render(
      <GateBadges
        name="prod"
        gates={[
          newGate('ARGOCD'),
          { ...newGate('SOAK'), duration: 'PT5M' } as GateDraft,
          { ...newGate('APPROVAL'), approvals: 2 } as GateDraft,
          { ...newGate('HTTP'), url: 'https://prod.internal/version', when: 'BEFORE' } as GateDraft,
        ]}
        selected={false}
        onSelect={() => {}}
      />,
    );
    const badges = within(screen.getByRole('list', { name: 'Gates of prod' })).getAllByRole('listitem');
    expect(badges.map((b) => b.textContent)).toEqual(['approval x2', 'HTTP', 'Argo CD', 'soak 5m']);
    expect(badges[1].getAttribute('title')).toBe(
      'HTTP GET https://prod.internal/version expects 200, before the action',
    );
  });

  it('opens the step in the settings panel, with or without gates', () => {
    const selected: string[] = [];
    const { rerender } = render(
      <GateBadges name="qa" gates={[]} selected={false} onSelect={(e) => selected.push(e)} />,
    );
    expect(screen.queryByRole('list')).toBeNull();
    const edit = screen.getByRole('button', { name: 'Gates of qa: edit in the settings panel' });
    expect(edit.textContent).toBe('+ Gate');
    fireEvent.click(edit);
    expect(selected).toEqual(['qa']);
    rerender(<GateBadges name="qa" gates={[newGate('ARGOCD')]} selected onSelect={() => {}} />);
    expect(
      screen.getByRole('button', { name: 'Gates of qa: edit in the settings panel' }).getAttribute('aria-pressed'),
    ).toBe('true');
  });
});
