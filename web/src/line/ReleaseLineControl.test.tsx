// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReleaseFieldsFragment } from '../gql/graphql';
import type { ReleaseStepView } from '../releases/releaseState';
import { fakeBaton, refusal, withBaton, type Answer } from '../testing/fakeBaton';
import { ReleaseLineControl } from './ReleaseLineControl';

const yearEnd = {
  __typename: 'FreezeWindow',
  id: 'w1',
  name: 'year-end',
  environments: ['prod'],
  reason: 'holidays',
  closesAt: '2027-01-04T08:00:00Z',
};

const line = (frozenProd: boolean): Answer => ({
  data: {
    environments: ['dev', 'qa', 'prod'].map((name) => ({
      __typename: 'Environment',
      id: name,
      name,
      paused: name === 'qa',
      pauseReason: name === 'qa' ? 'admin: incident' : null,
      frozenBy: name === 'prod' && frozenProd ? yearEnd : null,
    })),
  },
});

function step(name: string, status: string, message: string | null, commitSha: string | null = null) {
  return {
    environment: { id: name, name, kind: name === 'prod' ? 'PROD' : 'NON_PROD', position: 1 },
    status,
    message,
    commitSha,
    version: '1.1.0',
    gates: [],
  } as unknown as ReleaseStepView;
}

const release = { id: '7', product: { id: 'p1', name: 'demo-trioapp' } } as Pick<
  ReleaseFieldsFragment,
  'id' | 'product'
>;

function renderControl(
  role: 'ADMIN' | 'PROMOTER' | 'VIEWER',
  steps: ReleaseStepView[],
  { frozenProd = true, mutations = {} }: { frozenProd?: boolean; mutations?: Record<string, () => Answer> } = {},
) {
  const baton = fakeBaton(role, { LineState: () => line(frozenProd) }, mutations);
  const onChanged = vi.fn();
  render(
    withBaton(
      baton.client,
      <ReleaseLineControl release={release} steps={steps} triggerName="dev" role={role} onChanged={onChanged} />,
    ),
  );
  return { ...baton, onChanged };
}

const heldByWindow = [
  step('dev', 'SUCCEEDED', null, 'aaa'),
  step('qa', 'SUCCEEDED', null, 'bbb'),
  step('prod', 'SUSPENDED', 'Frozen by window year-end until 2027-01-04T08:00Z'),
];

describe('line control in the release view', () => {
  afterEach(cleanup);

  it("shows a held step's message, and lets an administrator override the window with a reason", async () => {
    const { sent, onChanged } = renderControl('ADMIN', heldByWindow, {
      mutations: { OverrideFreeze: () => ({ data: { overrideFreeze: { id: '7' } } }) },
    });
    const held = screen.getByRole('listitem');
    expect(held.querySelector('p')?.textContent?.replace(/\s+/g, ' ')).toBe(
      'prod is held: Frozen by window year-end until 2027-01-04T08:00Z',
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Override freeze for prod…' }));
    const dialog = screen.getByRole('dialog', { name: 'Let this release into prod through year-end?' });
    fireEvent.change(within(dialog).getByLabelText(/^Why it may go through/), { target: { value: 'security fix' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Override freeze' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith({ id: '7' }));
    expect(sent).toEqual([
      { name: 'OverrideFreeze', variables: { input: { releaseId: '7', environment: 'prod', reason: 'security fix' } } },
    ]);
  });

  it("shows the server's refusal of an override in the dialog", async () => {
    renderControl('ADMIN', heldByWindow, {
      mutations: { OverrideFreeze: () => refusal('release 7 has no step into prod held by a window', 'CONFLICT') },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Override freeze for prod…' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Why/), { target: { value: 'security fix' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Override freeze' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The freeze was not overridden. release 7 has no step into prod held by a window',
    );
  });

  it('offers no override where no window freezes the environment (a pause or a pin holds it)', async () => {
    const { reads } = renderControl('ADMIN', [step('qa', 'SUSPENDED', 'qa is paused by admin: incident')], {
      frozenProd: false,
    });
    await waitFor(() => expect(reads.some((r) => r.name === 'LineState')).toBe(true));
    expect(screen.getByRole('listitem').textContent).toContain('qa is paused by admin: incident');
    expect(screen.queryByRole('button', { name: /Override freeze/ })).toBeNull();
  });

  it('offers a promoter no override, and a viewer neither override nor rollback', async () => {
    renderControl('PROMOTER', heldByWindow);
    expect(screen.getByRole('listitem').textContent).toContain('Frozen by window year-end');
    expect(screen.queryByRole('button', { name: /Override freeze/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Roll back qa to this' })).toBeTruthy();
    cleanup();
    renderControl('VIEWER', heldByWindow);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers "Roll back to this" for each environment the release committed into, not its trigger', async () => {
    renderControl('PROMOTER', [
      step('dev', 'SUCCEEDED', null, 'aaa'),
      step('qa', 'SUCCEEDED', null, 'bbb'),
      step('prod', 'SUCCEEDED', null, 'ccc'),
    ]);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Roll back qa to this',
      'Roll back prod to this',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Roll back prod to this' }));
    expect(screen.getByRole('dialog', { name: 'Roll back demo-trioapp in prod' }).textContent).toContain(
      'release 7 (version 1.1.0)',
    );
  });

  it('shows nothing for a release with nothing held and nothing committed', () => {
    const { container } = render(
      withBaton(
        fakeBaton('ADMIN').client,
        <ReleaseLineControl
          release={release}
          steps={[step('dev', 'SUCCEEDED', null, 'aaa'), step('qa', 'RUNNING', 'Committing')]}
          triggerName="dev"
          role="ADMIN"
          onChanged={() => {}}
        />,
      ),
    );
    expect(container.querySelector('section')).toBeNull();
  });
});
