package io.baton.webhook;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** One event on its way to one webhook, and how its attempts went. */
public record WebhookDelivery(
    long id,
    long webhookId,
    WebhookEvent event,
    Long releaseId,
    String environment,
    DeliveryStatus status,
    int attempts,
    OffsetDateTime createdAt,
    OffsetDateTime nextAttemptAt,
    OffsetDateTime lastAttemptAt,
    Integer responseStatus,
    String responseExcerpt,
    String error,
    Long redeliveryOf,
    List<WebhookAttempt> history) {

  static WebhookDelivery from(Row row) {
    List<WebhookAttempt> history = new ArrayList<>();
    Object attempts = row.getValue("history");
    if (attempts instanceof JsonArray array) {
      array.forEach(a -> history.add(WebhookAttempt.from((JsonObject) a)));
    }
    DeliveryStatus status = DeliveryStatus.valueOf(row.getString("status"));
    return new WebhookDelivery(
        row.getLong("id"),
        row.getLong("webhook_id"),
        WebhookEvent.valueOf(row.getString("event")),
        row.getLong("release_id"),
        row.getString("environment_name"),
        status,
        row.getInteger("attempts"),
        row.getOffsetDateTime("created_at"),
        status.isTerminal() ? null : row.getOffsetDateTime("next_attempt_at"),
        row.getOffsetDateTime("last_attempt_at"),
        row.getInteger("response_status"),
        row.getString("response_excerpt"),
        row.getString("error"),
        row.getLong("redelivery_of"),
        history);
  }
}
