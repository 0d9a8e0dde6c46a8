package io.baton.webhook;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;

/** One attempt to send a delivery: what the receiver answered, or why it did not. */
public record WebhookAttempt(
    int attempt,
    OffsetDateTime at,
    Duration duration,
    Integer responseStatus,
    String responseExcerpt,
    String error) {

  /** From the JSON the deliveries' query aggregates attempts into. */
  static WebhookAttempt from(JsonObject json) {
    return new WebhookAttempt(
        json.getInteger("attempt"),
        OffsetDateTime.parse(json.getString("at")),
        Duration.ofMillis(json.getLong("duration_ms")),
        json.getInteger("response_status"),
        json.getString("response_excerpt"),
        json.getString("error"));
  }
}
