// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { Client } from '@urql/core';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { MemoryRouter } from 'react-router';
import { Provider } from 'urql';
import { fromValue, never } from 'wonka';
import { SettingsNavLink } from './SettingsNavLink';
import { WebhookSettings } from './WebhookSettings';

const delivery = {
  __typename: 'WebhookDelivery',
  releaseId: null,
  environment: null,
  createdAt: '2026-11-30T12:00:00Z',
  nextAttemptAt: null,
  lastAttemptAt: '2026-11-30T12:00:01Z',
  responseStatus: null,
  responseExcerpt: null,
  error: null,
  redeliveryOf: null,
};

const webhooks = [
  {
    __typename: 'Webhook',
    id: '1',
    name: 'ci',
    url: 'https://ci.example.com/hooks/baton',
    format: 'CLOUDEVENTS',
    events: ['RELEASE_SUCCEEDED', 'STEP_FAILED'],
    createdAt: '2026-11-30T11:00:00Z',
    product: { __typename: 'Product', id: '5', name: 'demo-trioapp' },
    deliveries: {
      __typename: 'WebhookDeliveryConnection',
      nodes: [
        {
          ...delivery,
          id: '12',
          event: 'STEP_FAILED',
          releaseId: '42',
          environment: 'qa',
          status: 'FAILED',
          attempts: 9,
          responseStatus: 500,
          responseExcerpt: 'broken today',
          error: 'the receiver answered HTTP 500',
        },
        {
          ...delivery,
          id: '11',
          event: 'TEST',
          status: 'DELIVERED',
          attempts: 1,
          responseStatus: 200,
          responseExcerpt: 'thanks',
        },
      ],
    },
  },
  {
    __typename: 'Webhook',
    id: '2',
    name: 'chat',
    url: 'https://hooks.slack.test/T0/B0/x',
    format: 'SLACK',
    events: ['RELEASE_FAILED'],
    createdAt: '2026-11-30T11:00:00Z',
    product: null,
    deliveries: {
      __typename: 'WebhookDeliveryConnection',
      nodes: [{ ...delivery, id: '13', event: 'RELEASE_FAILED', releaseId: '42', status: 'PENDING', attempts: 0 }],
    },
  },
];

type Answer = { data?: object; error?: unknown };

function operationName(query: DocumentNode): string {
  const op = query.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  return op?.name?.value ?? '';
}

/** A client that answers each query by its name, and records the mutations sent with their answers. */
function renderPage(role: 'ADMIN' | 'VIEWER', answers: Record<string, () => Answer> = {}) {
  const sent: { name: string; variables: Record<string, unknown> }[] = [];
  const queries: Record<string, object> = {
    SettingsCaller: { me: { __typename: 'Caller', name: role === 'ADMIN' ? 'admin' : 'dashboard', role } },
    Webhooks: { webhooks },
    WebhookProducts: { products: [{ __typename: 'Product', id: '5', name: 'demo-trioapp' }] },
  };
  const client = {
    executeQuery: (request: { query: DocumentNode }) =>
      fromValue({ operation: request, data: queries[operationName(request.query)], stale: false, hasNext: false }),
    executeMutation: (request: { query: DocumentNode; variables: Record<string, unknown> }) => {
      const name = operationName(request.query);
      sent.push({ name, variables: request.variables });
      const answer = answers[name]?.() ?? { data: {} };
      return fromValue({ operation: request, ...answer, stale: false, hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
  render(
    <Provider value={client}>
      <MemoryRouter>
        <nav>
          <SettingsNavLink />
        </nav>
        <WebhookSettings />
      </MemoryRouter>
    </Provider>,
  );
  return sent;
}

function refusal(message: string, code: string): Answer {
  return { error: { graphQLErrors: [{ message, extensions: { code } }] } };
}

function card(name: string) {
  return within(screen.getByRole('region', { name }));
}

describe('Settings -> Webhooks', () => {
  afterEach(cleanup);

  it('tells anyone but an administrator that webhooks are for administrators only', async () => {
    const sent = renderPage('VIEWER');
    expect((await screen.findByRole('note')).textContent).toMatch(/administrators only.*dashboard.*viewer role/);
    expect((await screen.findByRole('link', { name: 'Settings' })).getAttribute('href')).toBe('/settings/environments');
    expect(screen.queryByText('ci')).toBeNull();
    expect(sent).toEqual([]);
  });

  it('lists each webhook with its facts and recent deliveries, for an administrator', async () => {
    renderPage('ADMIN');
    expect((await screen.findByRole('link', { name: 'Settings' })).getAttribute('href')).toBe('/settings/environments');
    const ci = card('ci');
    expect(ci.getByText('https://ci.example.com/hooks/baton')).toBeTruthy();
    expect(ci.getByText('CloudEvents')).toBeTruthy();
    expect(ci.getByText('Release succeeded, Step failed')).toBeTruthy();
    expect(ci.getByText('demo-trioapp')).toBeTruthy();
    const failed = within(ci.getByRole('button', { name: 'Redeliver delivery 12' }).closest('tr')!);
    expect(failed.getByText('Step failed', { exact: false }).textContent).toContain('(qa)');
    expect(failed.getByRole('link', { name: 'Release 42' })).toBeTruthy();
    expect(failed.getByText('Gave up')).toBeTruthy();
    expect(failed.getByText('9')).toBeTruthy();
    expect(failed.getByText('broken today')).toBeTruthy();
    expect(failed.getByText('the receiver answered HTTP 500')).toBeTruthy();
    const test = within(ci.getByRole('button', { name: 'Redeliver delivery 11' }).closest('tr')!);
    expect(test.getByText('Test')).toBeTruthy();
    expect(test.getByText('Delivered')).toBeTruthy();
    expect(test.queryByRole('link')).toBeNull();
    const chat = card('chat');
    expect(chat.getByText('Slack')).toBeTruthy();
    expect(chat.getByText('Every product')).toBeTruthy();
    expect(chat.getByText('Waiting')).toBeTruthy();
  });

  it('redelivers a delivery that was given up, but not one still on its way', async () => {
    const sent = renderPage('ADMIN', {
      RedeliverWebhook: () => ({
        data: { redeliverWebhook: { ...delivery, id: '14', event: 'STEP_FAILED', status: 'PENDING', attempts: 0 } },
      }),
    });
    const pending = (await screen.findByRole('button', { name: 'Redeliver delivery 13' })) as HTMLButtonElement;
    expect(pending.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Redeliver delivery 12' }));
    expect((await screen.findByRole('status')).textContent).toBe('Delivery 12 of ci is sent again, as a new delivery.');
    expect(sent).toEqual([{ name: 'RedeliverWebhook', variables: { deliveryId: '12' } }]);
  });

  it('sends a test event, and says why when the server refuses', async () => {
    let refuse = false;
    const sent = renderPage('ADMIN', {
      TestWebhook: () =>
        refuse
          ? refusal('webhook "ci" does not exist', 'NOT_FOUND')
          : { data: { testWebhook: { ...delivery, id: '15', event: 'TEST', status: 'PENDING', attempts: 0 } } },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Test ci' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/Sent a test event to ci/);
    refuse = true;
    fireEvent.click(screen.getByRole('button', { name: 'Test ci' }));
    expect((await card('ci').findByRole('alert')).textContent).toMatch(
      /The test event was not sent\..*webhook "ci" does not exist/,
    );
    expect(sent.map((s) => s.variables)).toEqual([{ name: 'ci' }, { name: 'ci' }]);
  });

  it('removes a webhook only once the removal is confirmed', async () => {
    const sent = renderPage('ADMIN', { DeleteWebhook: () => ({ data: { deleteWebhook: { id: '2', name: 'chat' } } }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Remove chat' }));
    expect(screen.getByRole('heading', { name: 'Remove chat?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove chat' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove webhook' }));
    expect((await screen.findByRole('status')).textContent).toBe('Removed webhook chat and its deliveries.');
    expect(sent).toEqual([{ name: 'DeleteWebhook', variables: { name: 'chat' } }]);
  });

  describe('the Add webhook form', () => {
    async function openForm(answers: Record<string, () => Answer> = {}) {
      const sent = renderPage('ADMIN', answers);
      fireEvent.click((await screen.findAllByRole('button', { name: 'Add webhook' }))[0]);
      return { sent, form: within(screen.getByRole('dialog')) };
    }

    function fill(form: ReturnType<typeof within>, fields: Record<string, string>) {
      for (const [label, value] of Object.entries(fields)) {
        fireEvent.change(form.getByLabelText(label), { target: { value } });
      }
    }

    function problemOf(input: HTMLElement): string {
      const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
    }

    it('shows the obvious problems next to their fields without asking the server', async () => {
      const { sent, form } = await openForm();
      fireEvent.click(form.getByRole('checkbox', { name: 'Release succeeded' }));
      fireEvent.click(form.getByRole('checkbox', { name: 'Release failed' }));
      fill(form, { URL: 'ftp://ci.example.com' });
      fireEvent.click(form.getByRole('button', { name: 'Add webhook' }));
      expect(form.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
      expect(problemOf(form.getByLabelText('Name'))).toMatch(/^Give the webhook a name\./);
      expect(problemOf(form.getByLabelText('URL'))).toMatch(/^The URL must start with http/);
      expect(problemOf(form.getByLabelText('Secret'))).toMatch(/^A CloudEvents webhook needs a secret/);
      expect(problemOf(form.getByRole('group', { name: 'Events' }))).toBe('Choose at least one event.');
      expect(sent).toEqual([]);
    });

    it("sends what was entered, and shows the server's refusal next to the field it names", async () => {
      let answer = refusal(
        'webhook url "https://***@ci.example.com" must not carry credentials: the secret signs every delivery',
        'BAD_USER_INPUT',
      );
      const { sent, form } = await openForm({ CreateWebhook: () => answer });
      fill(form, { Name: 'ci-events', URL: 'https://me:pw@ci.example.com', Secret: 's3cret', Product: 'demo-trioapp' });
      fireEvent.click(form.getByRole('checkbox', { name: 'Step failed' }));
      fireEvent.click(form.getByRole('button', { name: 'Add webhook' }));
      await form.findByText(/must not carry credentials/);
      expect(problemOf(form.getByLabelText('URL'))).toMatch(/^webhook url .* must not carry credentials/);
      expect(form.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
      expect(sent[0].variables).toEqual({
        input: {
          name: 'ci-events',
          url: 'https://me:pw@ci.example.com',
          secret: 's3cret',
          events: ['RELEASE_SUCCEEDED', 'RELEASE_FAILED', 'STEP_FAILED'],
          product: 'demo-trioapp',
          format: 'CLOUDEVENTS',
        },
      });

      answer = refusal('webhook "ci-events" already exists', 'CONFLICT');
      fill(form, { URL: 'https://ci.example.com' });
      expect(form.getByLabelText('URL').getAttribute('aria-invalid')).toBeNull();
      fireEvent.click(form.getByRole('button', { name: 'Add webhook' }));
      await form.findByText('webhook "ci-events" already exists');
      expect(problemOf(form.getByLabelText('Name'))).toMatch(/^webhook "ci-events" already exists/);
    });

    it('adds a Slack webhook without a secret and says so', async () => {
      const { sent, form } = await openForm({
        CreateWebhook: () => ({ data: { createWebhook: { id: '3', name: 'team-chat' } } }),
      });
      fill(form, { Name: 'team-chat', URL: 'https://hooks.slack.test/T0/B1/y' });
      fireEvent.click(form.getByRole('radio', { name: /Slack/ }));
      expect(form.getByLabelText('Secret (optional)')).toBeTruthy();
      fireEvent.click(form.getByRole('button', { name: 'Add webhook' }));
      expect((await screen.findByRole('status')).textContent).toMatch(/Added webhook team-chat/);
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(sent[0].variables).toMatchObject({ input: { format: 'SLACK', secret: null, product: null } });
    });
  });
});
