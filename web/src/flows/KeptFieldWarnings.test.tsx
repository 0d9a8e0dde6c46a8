// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import type { Client } from '@urql/core';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { fromValue, never } from 'wonka';
import { FlowList } from './FlowList';

function renderList(state: object) {
  const client = {
    executeQuery: () => fromValue({ data: { promotionFlows: [] }, stale: false, hasNext: false }),
    executeMutation: () => never,
    executeSubscription: () => never,
  } as unknown as Client;
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={[{ pathname: '/flows', state }]}>
        <Routes>
          <Route path="/flows" element={<FlowList />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
}

describe('the Promotion Flows list after a save', () => {
  afterEach(cleanup);

  it('lists each hook and workflow the saved flow keeps but Baton does not carry out, with what to do instead', () => {
    renderList({
      saved: 'global-parallel-flow',
      warnings: [
        { path: 'spec.hooks.onStart', message: 'Baton does not run promotion hooks; add a webhook instead' },
        {
          path: 'spec.steps[1].policy.preAction',
          message: 'Baton does not run workflow templates; add an HTTP gate with when: BEFORE instead',
        },
      ],
    });

    const box = screen.getByRole('status', { name: 'Kept but not carried out in global-parallel-flow' });
    expect(within(box).getByText(/keeps 2 fields Baton does not carry out/)).toBeTruthy();
    const items = within(box).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'spec.hooks.onStart: Baton does not run promotion hooks; add a webhook instead',
      'spec.steps[1].policy.preAction: Baton does not run workflow templates; add an HTTP gate with when: BEFORE instead',
    ]);
  });

  it('says only that the flow was saved when it keeps nothing', () => {
    renderList({ saved: 'plain', warnings: [] });

    expect(screen.getByText(/Saved promotion flow/)).toBeTruthy();
    expect(screen.queryByRole('status', { name: /Kept but not carried out/ })).toBeNull();
  });
});
