package io.baton.webhook;

/** What a webhook's POSTs look like. */
public enum WebhookFormat {
  /** A CloudEvents 1.0 structured JSON envelope, signed. */
  CLOUDEVENTS,
  /** A readable message for a Slack-compatible incoming webhook. */
  SLACK
}
