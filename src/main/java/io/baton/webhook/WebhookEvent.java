package io.baton.webhook;

import java.util.Locale;

/**
 * The release and step events a webhook can be sent, and the TEST event an administrator sends it.
 * Which release event is which is decided in the database, where the outbox is written ({@code
 * webhook_event_type}, migration V8).
 */
public enum WebhookEvent {
  RELEASE_STARTED,
  RELEASE_SUCCEEDED,
  RELEASE_FAILED,
  RELEASE_TERMINATED,
  RELEASE_SUSPENDED,
  STEP_STARTED,
  STEP_SUCCEEDED,
  STEP_FAILED,
  STEP_SUSPENDED,
  /** Sent by testWebhook, of no release; never asked for by a webhook. */
  TEST;

  /** The CloudEvents type: {@code io.baton.step.succeeded} for STEP_SUCCEEDED. */
  public String cloudEventType() {
    return "io.baton." + name().toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** Whether it is an event of a step (else of the whole release). */
  public boolean ofStep() {
    return name().startsWith("STEP_");
  }

  /** What happened, in a word: "succeeded" for STEP_SUCCEEDED. */
  public String verb() {
    return name().substring(name().indexOf('_') + 1).toLowerCase(Locale.ROOT);
  }
}
