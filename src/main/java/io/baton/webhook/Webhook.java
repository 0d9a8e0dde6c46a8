package io.baton.webhook;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A registered receiver of release events. Its secret is never read back. */
public record Webhook(
    long id,
    String name,
    String url,
    List<WebhookEvent> events,
    Long productId,
    WebhookFormat format,
    OffsetDateTime createdAt) {

  static Webhook from(Row row) {
    return new Webhook(
        row.getLong("id"),
        row.getString("name"),
        row.getString("url"),
        Arrays.stream(row.getArrayOfStrings("events")).map(WebhookEvent::valueOf).toList(),
        row.getLong("product_id"),
        WebhookFormat.valueOf(row.getString("format")),
        row.getOffsetDateTime("created_at"));
  }
}
