import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../ui/ErrorMessage';
import { FormDialog } from './FormDialog';
import { Field as FormField, FormFailure, invalid, Problem } from './FormField';
import { useFieldProblems } from './useFieldProblems';
import { CreateWebhookMutation, WebhookProductsQuery } from './queries';
import {
  checkDraft,
  emptyWebhookDraft,
  EVENT_CHOICES,
  FORMAT_CHOICES,
  refusalProblems,
  toggleEvent,
  toInput,
  type WebhookDraft,
  type WebhookField,
} from './webhookModel';

/** Add webhook: name, URL, format, secret, events and product; each problem, the client's or the server's, shows next to its field. */
export function WebhookForm({ onClose, onCreated }: { onClose: () => void; onCreated: (name: string) => void }) {
  const [draft, setDraft] = useState<WebhookDraft>(emptyWebhookDraft);
  const { problems, failure, edited, send } = useFieldProblems<WebhookField>();
  const [products] = useQuery({ query: WebhookProductsQuery });
  const [created, create] = useMutation(CreateWebhookMutation);

  function change(next: WebhookDraft, field: WebhookField) {
    setDraft(next);
    edited(field);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const sent = await send(checkDraft(draft), () => create({ input: toInput(draft) }), refusalProblems);
    if (sent?.data?.createWebhook) onCreated(sent.data.createWebhook.name);
  }

  const productNames = products.data
    ? products.data.products.map((p) => p.name).sort((a, b) => a.localeCompare(b))
    : [];

  return (
    <FormDialog
      title="Add webhook"
      formId="webhook-form"
      formClassName="webhook-form"
      submitLabel={created.fetching ? 'Adding…' : 'Add webhook'}
      busy={created.fetching}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field id="webhook-name" label="Name" problem={problems.name} help="a-z, 0-9 and '-', e.g. ci-events.">
        <input
          id="webhook-name"
          value={draft.name}
          autoComplete="off"
          {...invalid('webhook-name', problems.name)}
          onChange={(e) => change({ ...draft, name: e.target.value }, 'name')}
        />
      </Field>
      <Field
        id="webhook-url"
        label="URL"
        problem={problems.url}
        help="Where Baton POSTs each event: http(s), without credentials."
      >
        <input
          id="webhook-url"
          type="url"
          value={draft.url}
          placeholder="https://ci.example.com/hooks/baton"
          autoComplete="off"
          {...invalid('webhook-url', problems.url)}
          onChange={(e) => change({ ...draft, url: e.target.value }, 'url')}
        />
      </Field>
      <fieldset className="choices webhook-formats">
        <legend>Format</legend>
        {FORMAT_CHOICES.map((f) => (
          <label key={f.format} className="choice">
            <input
              type="radio"
              name="webhook-format"
              value={f.format}
              checked={draft.format === f.format}
              onChange={() => change({ ...draft, format: f.format }, 'secret')}
            />
            <span>
              {f.label} <span className="muted small">{f.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field
        id="webhook-secret"
        label={draft.format === 'SLACK' ? 'Secret (optional)' : 'Secret'}
        problem={problems.secret}
        help="Signs every delivery (X-Baton-Signature-256); never shown again."
      >
        <input
          id="webhook-secret"
          type="password"
          value={draft.secret}
          autoComplete="new-password"
          {...invalid('webhook-secret', problems.secret)}
          onChange={(e) => change({ ...draft, secret: e.target.value }, 'secret')}
        />
      </Field>
      <fieldset
        className="webhook-events"
        aria-describedby={problems.events ? 'webhook-events-problem' : undefined}
        aria-invalid={problems.events ? true : undefined}
      >
        <legend>Events</legend>
        {EVENT_CHOICES.map((c) => (
          <label key={c.event} className="checkbox">
            <input
              type="checkbox"
              checked={draft.events.includes(c.event)}
              onChange={(e) => change(toggleEvent(draft, c.event, e.target.checked), 'events')}
            />
            {c.label}
          </label>
        ))}
        {problems.events && <Problem id="webhook-events-problem" text={problems.events} />}
      </fieldset>
      <Field id="webhook-product" label="Product" problem={problems.product} help="Only this product's events.">
        <select
          id="webhook-product"
          value={draft.product}
          {...invalid('webhook-product', problems.product)}
          onChange={(e) => change({ ...draft, product: e.target.value }, 'product')}
        >
          <option value="">Every product</option>
          {productNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <FormFailure problem={problems.form} failure={failure} title="The webhook was not added." />
      <ErrorMessage error={products.error} title="The products could not be read." />
    </FormDialog>
  );
}

function Field(props: Omit<Parameters<typeof FormField>[0], 'className'>) {
  return <FormField {...props} className="webhook-field" />;
}
