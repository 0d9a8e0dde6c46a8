// @vitest-environment jsdom
import { Client, fetchExchange } from '@urql/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Provider } from 'urql';
import type { Automation } from './autoTrigger';
import { AutoTriggerPause } from './AutoTriggerPause';

interface Sent {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * A Baton that says the token has {@code role} (Query.me), records every other request and answers it with the
 * body given.
 */
function serverAnswering(body: (sent: Sent) => unknown, role = 'ADMIN') {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      // urql sends queries as GET (the query in the URL) and mutations as POST.
      const request =
        init.method === 'GET'
          ? ({ query: new URL(url).searchParams.get('query') ?? '', variables: {} } as Sent)
          : (JSON.parse(String(init.body)) as Sent);
      const answer = request.query.includes('query Caller')
        ? { data: { me: { __typename: 'Caller', name: 'someone', role } } }
        : (sent.push(request), body(request));
      return new Response(JSON.stringify(answer), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
  return sent;
}

function product(paused: boolean, reason: string | null) {
  return {
    __typename: 'Product',
    id: 'p1',
    autoTriggerPaused: paused,
    autoTriggerPauseReason: reason,
    promotionFlows: [],
  };
}

const running: Automation = {
  paused: false,
  pauseReason: null,
  flows: [{ flow: 'multi-env-sequential-promotion', selectors: [] }],
};
const frozen: Automation = { ...running, paused: true, pauseReason: 'prod freeze until Monday' };

function renderControl(automation: Automation, onChanged = vi.fn()) {
  const client = new Client({ url: 'http://baton.test/graphql', exchanges: [fetchExchange] });
  render(
    <Provider value={client}>
      <AutoTriggerPause product="demo-trioapp" automation={automation} onChanged={onChanged} />
    </Provider>,
  );
  return onChanged;
}

describe("pausing a product's automatic triggers", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('asks why, pauses with that reason, and tells the dashboard', async () => {
    const sent = serverAnswering(() => ({ data: { pauseAutoTrigger: product(true, 'prod freeze') } }));
    const onChanged = renderControl(running);
    expect(screen.queryByText('Automatic triggers paused')).toBeNull();

    fireEvent.click(await screen.findByRole('button', { name: 'Pause the automatic triggers of demo-trioapp…' }));
    fireEvent.change(screen.getByLabelText('Why (shown with the product)'), { target: { value: ' prod freeze ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));

    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(sent).toHaveLength(1);
    expect(sent[0].query).toContain('pauseAutoTrigger(product: $product, reason: $reason)');
    expect(sent[0].variables).toEqual({ product: 'demo-trioapp', reason: 'prod freeze' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a paused product with its reason as the badge title, and resumes it', async () => {
    const sent = serverAnswering(() => ({ data: { resumeAutoTrigger: product(false, null) } }));
    const onChanged = renderControl(frozen);
    expect(screen.getByText('Automatic triggers paused').getAttribute('title')).toBe('prod freeze until Monday');
    fireEvent.click(await screen.findByRole('button', { name: 'Resume the automatic triggers of demo-trioapp' }));
    expect(screen.queryByRole('button', { name: /Pause/ })).toBeNull();

    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(sent[0].query).toContain('resumeAutoTrigger(product: $product)');
    expect(sent[0].variables).toEqual({ product: 'demo-trioapp' });
  });

  it("says in words that the token's role does not allow it, and changes nothing", async () => {
    serverAnswering(() => ({
      data: null,
      errors: [{ message: 'Needs the ADMIN role.', extensions: { code: 'FORBIDDEN' } }],
    }));
    const onChanged = renderControl(running);

    fireEvent.click(await screen.findByRole('button', { name: 'Pause the automatic triggers of demo-trioapp…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      "The automatic triggers were not paused. Your token's role does not allow this. Needs the ADMIN role.",
    );
    expect(onChanged).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('shows a refused resume under the badge', async () => {
    serverAnswering(() => ({
      data: null,
      errors: [{ message: 'Needs the ADMIN role.', extensions: { code: 'FORBIDDEN' } }],
    }));
    renderControl(frozen);
    fireEvent.click(await screen.findByRole('button', { name: 'Resume the automatic triggers of demo-trioapp' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The automatic triggers were not resumed\./);
  });

  it('shows a viewer the pause and its reason, and no Pause or Resume', async () => {
    const sent = serverAnswering(() => ({ data: null }), 'VIEWER');
    renderControl(frozen);
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.getByText('Automatic triggers paused').getAttribute('title')).toBe('prod freeze until Monday');
    expect(screen.queryByRole('button')).toBeNull();
    expect(sent).toHaveLength(0);
  });

  it('offers nothing for a product without automatic flows that is not paused', () => {
    const { container } = render(
      <Provider value={new Client({ url: 'http://baton.test/graphql', exchanges: [fetchExchange] })}>
        <AutoTriggerPause
          product="billing"
          automation={{ paused: false, pauseReason: null, flows: [] }}
          onChanged={() => {}}
        />
      </Provider>,
    );
    expect(container.textContent).toBe('');
  });
});
