import type { CombinedError } from '@urql/core';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { WebhookDeliveryFieldsFragment, WebhooksQuery as WebhooksData } from '../gql/graphql';
import { DateTime } from '../ui/DateTime';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { ConfirmDelete } from './ConfirmDelete';
import { DoneNotice, SettingsHeader } from './SettingsLayout';
import { WebhookForm } from './WebhookForm';
import {
  DeleteWebhookMutation,
  RedeliverWebhookMutation,
  SettingsCallerQuery,
  TestWebhookMutation,
  WebhooksQuery,
} from './queries';
import { canRedeliver, deliveryStatusLabel, eventLabel, FORMAT_CHOICES } from './webhookModel';
import './webhooks.css';

/** How many recent deliveries each webhook lists. */
export const RECENT_DELIVERIES = 10;

/** While a delivery is on its way, the list is read again this often, so its outcome shows without a reload. */
export const PENDING_REFRESH_MS = 3000;

type Webhook = WebhooksData['webhooks'][number];

/** Settings -> Webhooks: for administrators; everyone else is told so. */
export function WebhookSettings() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: SettingsCallerQuery });
  if (!data && fetching) return <Loading what="your role" />;
  if (!data) {
    return (
      <div className="page">
        <h1>Webhooks</h1>
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      </div>
    );
  }
  if (data.me.role !== 'ADMIN') {
    return (
      <div className="page">
        <h1>Webhooks</h1>
        <p className="notice" role="note">
          Webhooks are for administrators only: a webhook's URL names an internal system. Your token,{' '}
          <strong>{data.me.name}</strong>, has the {data.me.role.toLowerCase()} role. Ask an administrator to add or
          change webhooks.
        </p>
      </div>
    );
  }
  return <WebhookList />;
}

function WebhookList() {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: WebhooksQuery,
    variables: { deliveries: RECENT_DELIVERIES },
  });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Webhook | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const webhooks = data?.webhooks ?? [];
  const pending = webhooks.some((w) => w.deliveries.nodes.some((d) => d.status === 'PENDING'));

  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(refresh, PENDING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, refresh]);

  function told(text: string) {
    setNotice(text);
    refresh();
  }

  return (
    <div className="page webhooks-page">
      <SettingsHeader
        title="Webhooks"
        actions={
          <div className="webhooks-header-actions">
            <button type="button" onClick={refresh} disabled={fetching}>
              Refresh
            </button>
            <button type="button" className="primary" onClick={() => setAdding(true)}>
              Add webhook
            </button>
          </div>
        }
      >
        Each webhook is POSTed the release and step events it asks for, signed, in order, and retried for a day until
        its receiver answers 2xx. Test one to check its receiver now.
      </SettingsHeader>
      <DoneNotice text={notice} />
      <ErrorMessage error={error} onRetry={refresh} />
      {!data && fetching && <Loading what="webhooks" />}
      {data && webhooks.length === 0 && (
        <EmptyState
          title="No webhooks yet"
          action={
            <button type="button" className="primary" onClick={() => setAdding(true)}>
              Add webhook
            </button>
          }
        >
          <p>
            A webhook tells another system, such as CI or a Slack channel, what happens to releases: add one with its
            URL and the events it wants.
          </p>
        </EmptyState>
      )}
      {webhooks.map((webhook) => (
        <WebhookCard
          key={webhook.id}
          webhook={webhook}
          onRemove={() => setRemoving(webhook)}
          onTold={told}
          onRefresh={refresh}
        />
      ))}
      {adding && (
        <WebhookForm
          onClose={() => setAdding(false)}
          onCreated={(name) => {
            setAdding(false);
            told(`Added webhook ${name}. Send it a test event to check its receiver.`);
          }}
        />
      )}
      {removing && (
        <RemoveDialog
          webhook={removing}
          onClose={() => setRemoving(null)}
          onRemoved={(name) => {
            setRemoving(null);
            told(`Removed webhook ${name} and its deliveries.`);
          }}
        />
      )}
    </div>
  );
}

function WebhookCard({
  webhook,
  onRemove,
  onTold,
  onRefresh,
}: {
  webhook: Webhook;
  onRemove: () => void;
  onTold: (text: string) => void;
  onRefresh: () => void;
}) {
  const [test, sendTest] = useMutation(TestWebhookMutation);
  const [redelivery, redeliver] = useMutation(RedeliverWebhookMutation);
  const [failure, setFailure] = useState<{ title: string; error: CombinedError } | null>(null);
  const format = FORMAT_CHOICES.find((f) => f.format === webhook.format)?.label ?? webhook.format;
  const deliveries = webhook.deliveries.nodes;

  async function runTest() {
    setFailure(null);
    const result = await sendTest({ name: webhook.name });
    if (result.error) setFailure({ title: 'The test event was not sent.', error: result.error });
    else onTold(`Sent a test event to ${webhook.name}; its delivery is listed below.`);
  }

  async function runRedeliver(id: string) {
    setFailure(null);
    const result = await redeliver({ deliveryId: id });
    if (result.error) {
      setFailure({ title: `Delivery ${id} was not sent again.`, error: result.error });
      onRefresh();
    } else onTold(`Delivery ${id} of ${webhook.name} is sent again, as a new delivery.`);
  }

  return (
    <section className="card webhook-card" aria-labelledby={`webhook-${webhook.id}`} data-webhook={webhook.name}>
      <header className="webhook-card-header">
        <h2 id={`webhook-${webhook.id}`}>{webhook.name}</h2>
        <div className="webhook-actions">
          <button type="button" onClick={runTest} disabled={test.fetching} aria-label={`Test ${webhook.name}`}>
            {test.fetching ? 'Sending…' : 'Test'}
          </button>
          <button type="button" className="danger" onClick={onRemove} aria-label={`Remove ${webhook.name}`}>
            Remove
          </button>
        </div>
      </header>
      <dl className="webhook-facts">
        <dt>URL</dt>
        <dd>
          <code>{webhook.url}</code>
        </dd>
        <dt>Format</dt>
        <dd>{format}</dd>
        <dt>Events</dt>
        <dd>{webhook.events.map(eventLabel).join(', ')}</dd>
        <dt>Product</dt>
        <dd>{webhook.product ? webhook.product.name : <span className="muted">Every product</span>}</dd>
      </dl>
      {failure && <ErrorMessage error={failure.error} title={failure.title} />}
      <h3>Recent deliveries</h3>
      {deliveries.length === 0 ? (
        <p className="muted">No deliveries yet. Test the webhook, or wait for a release event it asks for.</p>
      ) : (
        <div className="table-scroll">
          <table className="grid stack webhook-deliveries">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last attempt</th>
                <th scope="col">Response</th>
                <th scope="col">Error</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <DeliveryRow
                  key={d.id}
                  delivery={d}
                  busy={redelivery.fetching}
                  onRedeliver={() => runRedeliver(d.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DeliveryRow({
  delivery: d,
  busy,
  onRedeliver,
}: {
  delivery: WebhookDeliveryFieldsFragment;
  busy: boolean;
  onRedeliver: () => void;
}) {
  return (
    <tr data-delivery={d.id}>
      <td data-label="Event">
        {eventLabel(d.event)}
        {d.environment && <> ({d.environment})</>}
        {d.releaseId && (
          <div className="small">
            <Link to={`/releases/${encodeURIComponent(d.releaseId)}`}>Release {d.releaseId}</Link>
          </div>
        )}
        {d.redeliveryOf && <div className="muted small">Sends delivery {d.redeliveryOf} again</div>}
      </td>
      <td data-label="Status">
        <span className={`delivery-status delivery-${d.status.toLowerCase()}`}>
          {deliveryStatusLabel(d.status, d.attempts)}
        </span>
        {d.nextAttemptAt && d.attempts > 0 && (
          <div className="muted small">
            next <DateTime value={d.nextAttemptAt} />
          </div>
        )}
      </td>
      <td data-label="Attempts">{d.attempts}</td>
      <td data-label="Last attempt">
        <DateTime value={d.lastAttemptAt} />
      </td>
      <td data-label="Response">
        {d.responseStatus == null ? (
          <span className="muted">—</span>
        ) : (
          <>
            HTTP {d.responseStatus}
            {d.responseExcerpt && <pre className="response-excerpt">{d.responseExcerpt}</pre>}
          </>
        )}
      </td>
      <td data-label="Error">{d.error ?? <span className="muted">—</span>}</td>
      <td className="actions">
        <button
          type="button"
          onClick={onRedeliver}
          disabled={busy || !canRedeliver(d.status)}
          title={
            canRedeliver(d.status) ? undefined : 'Still on its way: it can be sent again once delivered or given up'
          }
          aria-label={`Redeliver delivery ${d.id}`}
        >
          Redeliver
        </button>
      </td>
    </tr>
  );
}

function RemoveDialog({
  webhook,
  onClose,
  onRemoved,
}: {
  webhook: Webhook;
  onClose: () => void;
  onRemoved: (name: string) => void;
}) {
  const [removal, remove] = useMutation(DeleteWebhookMutation);

  async function confirm() {
    const result = await remove({ name: webhook.name });
    if (result.data?.deleteWebhook) onRemoved(result.data.deleteWebhook.name);
  }

  return (
    <ConfirmDelete
      title={`Remove ${webhook.name}?`}
      action="Remove webhook"
      busyAction="Removing…"
      busy={removal.fetching}
      onConfirm={confirm}
      onClose={onClose}
      error={removal.error}
      errorTitle="The webhook was not removed."
    >
      <p>
        Baton stops sending events to <code>{webhook.url}</code>, and its deliveries are deleted with it. A delivery
        being sent right now is still sent.
      </p>
    </ConfirmDelete>
  );
}
