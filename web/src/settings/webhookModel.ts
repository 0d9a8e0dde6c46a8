import type { CombinedError } from '@urql/core';
import type { CreateWebhookInput, WebhookDeliveryStatus, WebhookEvent, WebhookFormat } from '../gql/graphql';
import { refusals, type Problems } from './fieldProblems';

/**
 * The event types a webhook can ask for, in the order people think of them: the release's, then its steps'.
 * TEST is not one of them: testWebhook sends it to any webhook.
 */
export const EVENT_CHOICES: readonly { event: WebhookEvent; label: string }[] = [
  { event: 'RELEASE_STARTED', label: 'Release started' },
  { event: 'RELEASE_SUCCEEDED', label: 'Release succeeded' },
  { event: 'RELEASE_FAILED', label: 'Release failed' },
  { event: 'RELEASE_TERMINATED', label: 'Release terminated' },
  { event: 'RELEASE_SUSPENDED', label: 'Release suspended' },
  { event: 'STEP_STARTED', label: 'Step started' },
  { event: 'STEP_SUCCEEDED', label: 'Step succeeded' },
  { event: 'STEP_FAILED', label: 'Step failed' },
  { event: 'STEP_SUSPENDED', label: 'Step suspended' },
];

/** An event type in words: "Step succeeded"; "Test" for the event testWebhook sends. */
export function eventLabel(event: WebhookEvent): string {
  if (event === 'TEST') return 'Test';
  return EVENT_CHOICES.find((c) => c.event === event)?.label ?? event;
}

export const FORMAT_CHOICES: readonly { format: WebhookFormat; label: string; help: string }[] = [
  {
    format: 'CLOUDEVENTS',
    label: 'CloudEvents',
    help: 'A CloudEvents 1.0 JSON event, signed with the secret (X-Baton-Signature-256).',
  },
  {
    format: 'SLACK',
    label: 'Slack',
    help: 'A readable message for a Slack-compatible incoming webhook; its URL is its secret.',
  },
];

export type WebhookDraft = {
  name: string;
  url: string;
  secret: string;
  events: WebhookEvent[];
  /** A product name; empty: every product's events. */
  product: string;
  format: WebhookFormat;
};

export type WebhookField = 'name' | 'url' | 'secret' | 'events' | 'product' | 'format';

/** A problem by field; `form` for one that concerns no single field. */
export type FieldProblems = Problems<WebhookField>;

export function emptyWebhookDraft(): WebhookDraft {
  return {
    name: '',
    url: '',
    secret: '',
    events: ['RELEASE_SUCCEEDED', 'RELEASE_FAILED'],
    product: '',
    format: 'CLOUDEVENTS',
  };
}

/** The draft with the event ticked or unticked, keeping EVENT_CHOICES' order. */
export function toggleEvent(draft: WebhookDraft, event: WebhookEvent, on: boolean): WebhookDraft {
  const chosen = new Set(draft.events);
  if (on) chosen.add(event);
  else chosen.delete(event);
  return { ...draft, events: EVENT_CHOICES.map((c) => c.event).filter((e) => chosen.has(e)) };
}

/** What the server is sent: a secret or a product left empty is omitted. */
export function toInput(draft: WebhookDraft): CreateWebhookInput {
  return {
    name: draft.name.trim(),
    url: draft.url.trim(),
    secret: draft.secret ? draft.secret : null,
    events: draft.events,
    product: draft.product || null,
    format: draft.format,
  };
}

/** The obvious problems, found before asking the server; the server has the last word on the rest. */
export function checkDraft(draft: WebhookDraft): FieldProblems {
  const problems: FieldProblems = {};
  if (!draft.name.trim()) problems.name = 'Give the webhook a name.';
  const url = draft.url.trim();
  if (!url) problems.url = 'Give the URL Baton POSTs to.';
  else if (!/^https?:\/\//i.test(url)) problems.url = 'The URL must start with http:// or https://.';
  if (draft.format === 'CLOUDEVENTS' && !draft.secret) {
    problems.secret = 'A CloudEvents webhook needs a secret: every delivery is signed with it.';
  }
  if (draft.events.length === 0) problems.events = 'Choose at least one event.';
  return problems;
}

/**
 * The field a refusal of createWebhook concerns, read from its message, which names it ("webhook url ...",
 * "webhook name ...", "a CLOUDEVENTS webhook needs a secret", "product "x" does not exist"); `form` when it
 * names none.
 */
export function fieldOfRefusal(message: string, code: unknown): WebhookField | 'form' {
  const text = message.toLowerCase();
  if (code === 'CONFLICT' && text.startsWith('webhook "')) return 'name';
  if (text.startsWith('webhook name')) return 'name';
  if (text.startsWith('webhook url')) return 'url';
  if (text.includes('secret')) return 'secret';
  if (text.includes('event type') || text.includes('test events')) return 'events';
  if (code === 'NOT_FOUND' && text.startsWith('product')) return 'product';
  return 'form';
}

/**
 * The server's refusal of createWebhook, by field. A refusal of the token itself, or an unreachable server,
 * concerns the whole form and is told by the page's usual error message.
 */
export function refusalProblems(error: CombinedError | undefined): FieldProblems {
  return refusals<WebhookField>(error, (e) => fieldOfRefusal(e.message, e.extensions?.code));
}

/** Whether a delivery can be sent again: one still PENDING is on its way already (the server says CONFLICT). */
export function canRedeliver(status: WebhookDeliveryStatus): boolean {
  return status !== 'PENDING';
}

/** A delivery's status in words, as the deliveries table shows it. */
export function deliveryStatusLabel(status: WebhookDeliveryStatus, attempts: number): string {
  switch (status) {
    case 'DELIVERED':
      return 'Delivered';
    case 'FAILED':
      return 'Gave up';
    case 'PENDING':
      return attempts === 0 ? 'Waiting' : 'Retrying';
  }
}
