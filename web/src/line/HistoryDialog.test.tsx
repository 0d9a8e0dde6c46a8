// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeBaton, refusal, withBaton, type Answer, type Variables } from '../testing/fakeBaton';
import { HISTORY_PAGE, HistoryDialog } from './HistoryDialog';

const version = (n: number, v: string) => ({
  __typename: 'ApplicationVersion',
  version: v,
  commitSha: `${n}`.repeat(40).slice(0, 40),
  at: `2026-11-${String(10 + (n % 20)).padStart(2, '0')}T12:00:00Z`,
  cursor: `c${n}`,
  release: {
    __typename: 'Release',
    id: String(n),
    promotionFlowName: 'multi-env-sequential-promotion',
    status: 'SUCCEEDED',
  },
});

/** Releases 1..count, each bringing a version; the history reads newest first, HISTORY_PAGE at a time. */
function history(count: number) {
  const all = Array.from({ length: count }, (_, i) => version(count - i, i % 2 ? '1.1.0' : '1.2.0'));
  return (variables: Variables): Answer => {
    const from = variables.after ? all.findIndex((v) => v.cursor === variables.after) + 1 : 0;
    return {
      data: {
        application: {
          __typename: 'Application',
          id: 'a3',
          name: 'demo-trioapp-prod',
          repoUrl: 'https://github.com/acme/deploy.git',
          history: all.slice(from, from + (variables.first as number)),
        },
      },
    };
  };
}

const preview = {
  data: {
    rollbackPreview: {
      __typename: 'RollbackPreview',
      version: '1.1.0',
      currentVersion: '1.2.0',
      fromCommit: 'abcdef1234567890',
      changes: [
        { __typename: 'PromotedValueChange', file: 'values.yaml', path: '$.image.tag', from: '1.2.0', to: '1.1.0' },
      ],
      files: [{ __typename: 'FileDiff', path: 'values.yaml', diff: '@@ -1 +1 @@\n-  tag: 1.2.0\n+  tag: 1.1.0\n' }],
    },
  },
};

function renderHistory(
  role: 'ADMIN' | 'PROMOTER' | 'VIEWER',
  count: number,
  mutations: Record<string, () => Answer> = {},
  rollbackPreview: () => Answer = () => preview,
) {
  const baton = fakeBaton(role, { ApplicationHistory: history(count), RollbackPreview: rollbackPreview }, mutations);
  render(
    withBaton(
      baton.client,
      <HistoryDialog product="demo-trioapp" environment="prod" application="demo-trioapp-prod" onClose={() => {}} />,
    ),
  );
  return baton;
}

function rows() {
  return screen.getAllByRole('row').filter((r) => r.hasAttribute('data-release'));
}

describe("a dashboard cell's history", () => {
  afterEach(cleanup);

  it('lists the versions newest first, with commit, release (a link) and time', async () => {
    renderHistory('VIEWER', 3);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows().map((r) => r.getAttribute('data-history-version'))).toEqual(['1.2.0', '1.1.0', '1.2.0']);
    const newest = within(rows()[0]);
    expect(newest.getByText('3333333')).toBeTruthy();
    expect(newest.getByRole('link', { name: /multi-env-sequential-promotion #3/ }).getAttribute('href')).toBe(
      '/releases/3',
    );
    expect(newest.getByText(/newest/)).toBeTruthy();
  });

  it('reads older versions a page at a time, after the last one shown', async () => {
    const { reads } = renderHistory('VIEWER', HISTORY_PAGE + 2);
    await waitFor(() => expect(rows()).toHaveLength(HISTORY_PAGE));
    fireEvent.click(screen.getByRole('button', { name: 'Older versions' }));
    await waitFor(() => expect(rows()).toHaveLength(HISTORY_PAGE + 2));
    const pages = reads.filter((r) => r.name === 'ApplicationHistory').map((r) => r.variables.after ?? null);
    expect(pages).toEqual([null, `c3`]);
    expect(screen.queryByRole('button', { name: 'Older versions' })).toBeNull();
  });

  it('offers a viewer no rollback', async () => {
    renderHistory('VIEWER', 3);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.queryByRole('button', { name: /Roll back/ })).toBeNull();
  });

  it('shows a rollback diff first (each value from -> to), then rolls back and opens the new release', async () => {
    const { sent } = renderHistory('PROMOTER', 3, {
      Rollback: () => ({
        data: { rollback: { __typename: 'Release', id: '9', status: 'QUEUED', promotionFlowName: 'Rollback' } },
      }),
    });
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(within(rows()[0]).queryByRole('button')).toBeNull();
    fireEvent.click(within(rows()[1]).getByRole('button', { name: /^Roll back to this: 1.1.0 of release 2$/ }));

    const dialog = await screen.findByRole('dialog', { name: 'Roll back demo-trioapp in prod' });
    const change = within(dialog).getByRole('row', { name: /values.yaml/ });
    expect(change.textContent).toBe('values.yaml$.image.tag1.2.01.1.0');
    expect(within(dialog).getByLabelText('Changes to values.yaml').textContent).toContain('+  tag: 1.1.0');
    expect(sent).toEqual([]);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/releases/9'));
    expect(sent).toEqual([
      { name: 'Rollback', variables: { input: { product: 'demo-trioapp', environment: 'prod', toRelease: '2' } } },
    ]);
  });

  it("shows the server's refusal of a rollback, and stays", async () => {
    renderHistory('ADMIN', 3, {
      Rollback: () => refusal('demo-trioapp-prod already holds the values of release 2', 'CONFLICT'),
    });
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(within(rows()[1]).getByRole('button', { name: /Roll back to this/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The rollback did not start. demo-trioapp-prod already holds the values of release 2',
    );
    expect(screen.getByTestId('location').textContent).toBe('/');
  });

  it('does not offer to confirm when the preview is refused', async () => {
    renderHistory('ADMIN', 3, {}, () => refusal('release 2 never committed into demo-trioapp-prod', 'BAD_USER_INPUT'));
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(within(rows()[1]).getByRole('button', { name: /Roll back to this/ }));
    const dialog = await screen.findByRole('dialog');
    expect((await within(dialog).findByRole('alert')).textContent).toContain('never committed into');
    expect(within(dialog).getByRole('button', { name: 'Roll back' }).hasAttribute('disabled')).toBe(true);
  });
});
