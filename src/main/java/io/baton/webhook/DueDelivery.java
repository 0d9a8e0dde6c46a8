package io.baton.webhook;

import io.vertx.sqlclient.Row;
import java.time.Instant;

/**
 * A delivery a deliverer claimed, with what sending it takes: its event, its release's facts, and
 * the webhook's address, secret and format.
 *
 * @param claim the claim number, which fences off the outcome of a claim that was lost
 * @param attempts the attempts made before this one
 * @param status the release's or step's status the event reports
 * @param releaseId null for a TEST event, as are its product, flow, version and status
 * @param environment the step's environment; null for an event of the whole release
 */
record DueDelivery(
    long id,
    int claim,
    int attempts,
    WebhookEvent event,
    String eventId,
    Instant at,
    Instant createdAt,
    Long releaseId,
    String product,
    String flow,
    String version,
    String environment,
    String status,
    String message,
    String webhook,
    String url,
    String secret,
    WebhookFormat format) {

  /** A TEST event (testWebhook), of no release. */
  boolean isTest() {
    return event == WebhookEvent.TEST;
  }

  static DueDelivery from(Row row) {
    return new DueDelivery(
        row.getLong("id"),
        row.getInteger("claim"),
        row.getInteger("attempts"),
        WebhookEvent.valueOf(row.getString("event")),
        row.getLong("event_txid") + "-" + row.getLong("event_id"),
        row.getOffsetDateTime("at").toInstant(),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getLong("release_id"),
        row.getString("product_name"),
        row.getString("flow_name"),
        row.getString("version"),
        row.getString("environment_name"),
        row.getString("status_of_event"),
        row.getString("message"),
        row.getString("webhook_name"),
        row.getString("url"),
        row.getString("secret"),
        WebhookFormat.valueOf(row.getString("format")));
  }
}
