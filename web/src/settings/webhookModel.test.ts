import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import {
  canRedeliver,
  checkDraft,
  deliveryStatusLabel,
  emptyWebhookDraft,
  EVENT_CHOICES,
  fieldOfRefusal,
  refusalProblems,
  toggleEvent,
  toInput,
  type WebhookDraft,
} from './webhookModel';

function refusal(message: string, code: string) {
  return new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code } })] });
}

describe('the webhook form model', () => {
  it('offers every event a webhook can ask for, and not TEST', () => {
    expect(EVENT_CHOICES.map((c) => c.event)).toHaveLength(9);
    expect(EVENT_CHOICES.map((c) => c.event)).not.toContain('TEST');
  });

  it('keeps ticked events in the order they are offered', () => {
    let draft: WebhookDraft = { ...emptyWebhookDraft(), events: [] };
    draft = toggleEvent(draft, 'STEP_FAILED', true);
    draft = toggleEvent(draft, 'RELEASE_STARTED', true);
    draft = toggleEvent(draft, 'STEP_FAILED', true);
    expect(draft.events).toEqual(['RELEASE_STARTED', 'STEP_FAILED']);
    expect(toggleEvent(draft, 'RELEASE_STARTED', false).events).toEqual(['STEP_FAILED']);
  });

  it('sends no secret and no product when they are left empty', () => {
    const draft = {
      ...emptyWebhookDraft(),
      name: ' chat ',
      url: ' https://hooks.slack.test/x ',
      format: 'SLACK' as const,
    };
    expect(toInput(draft)).toEqual({
      name: 'chat',
      url: 'https://hooks.slack.test/x',
      secret: null,
      events: ['RELEASE_SUCCEEDED', 'RELEASE_FAILED'],
      product: null,
      format: 'SLACK',
    });
  });

  it('finds the obvious problems before asking the server, each by its field', () => {
    expect(checkDraft({ ...emptyWebhookDraft(), url: 'ftp://x', events: [] })).toEqual({
      name: 'Give the webhook a name.',
      url: 'The URL must start with http:// or https://.',
      secret: 'A CloudEvents webhook needs a secret: every delivery is signed with it.',
      events: 'Choose at least one event.',
    });
    expect(checkDraft({ ...emptyWebhookDraft(), name: 'chat', url: 'https://x.test', format: 'SLACK' })).toEqual({});
  });

  it("reads the field a refusal concerns from the server's message", () => {
    expect(fieldOfRefusal('webhook name "Bad" is invalid: use a-z, 0-9 and \'-\'', 'BAD_USER_INPUT')).toBe('name');
    expect(fieldOfRefusal('webhook "ci" already exists', 'CONFLICT')).toBe('name');
    expect(fieldOfRefusal('webhook url "https://u@x" must not carry credentials', 'BAD_USER_INPUT')).toBe('url');
    expect(fieldOfRefusal('webhook url is longer than 2048 characters', 'BAD_USER_INPUT')).toBe('url');
    expect(
      fieldOfRefusal('a CLOUDEVENTS webhook needs a secret: every delivery is signed with it', 'BAD_USER_INPUT'),
    ).toBe('secret');
    expect(fieldOfRefusal('webhook secret is longer than 1024 characters', 'BAD_USER_INPUT')).toBe('secret');
    expect(fieldOfRefusal('a webhook needs at least one event type', 'BAD_USER_INPUT')).toBe('events');
    expect(fieldOfRefusal('product "shop" does not exist', 'NOT_FOUND')).toBe('product');
    expect(fieldOfRefusal('something else went wrong', 'BAD_USER_INPUT')).toBe('form');
  });

  it('leaves a refused token or a network failure to the form as a whole', () => {
    expect(refusalProblems(refusal('needs the ADMIN role', 'FORBIDDEN'))).toEqual({});
    expect(refusalProblems(new CombinedError({ networkError: new Error('offline') }))).toEqual({});
    expect(refusalProblems(refusal('webhook "ci" already exists', 'CONFLICT'))).toEqual({
      name: 'webhook "ci" already exists',
    });
  });

  it('offers redelivery only once a delivery is delivered or given up', () => {
    expect(canRedeliver('PENDING')).toBe(false);
    expect(canRedeliver('DELIVERED')).toBe(true);
    expect(canRedeliver('FAILED')).toBe(true);
    expect(deliveryStatusLabel('PENDING', 0)).toBe('Waiting');
    expect(deliveryStatusLabel('PENDING', 2)).toBe('Retrying');
    expect(deliveryStatusLabel('FAILED', 9)).toBe('Gave up');
  });
});
