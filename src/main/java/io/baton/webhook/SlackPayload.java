package io.baton.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * {@code SLACK}: a readable message for a Slack-compatible incoming webhook, e.g. {@code
 * demo-trioapp 2.0.0: qa succeeded}, with a link to the release.
 */
final class SlackPayload implements Payload {
  @Override
  public WebhookFormat format() {
    return WebhookFormat.SLACK;
  }

  @Override
  public String contentType() {
    return "application/json; charset=utf-8";
  }

  @Override
  public Buffer body(DueDelivery delivery, String baseUrl) {
    return new JsonObject().put("text", text(delivery, baseUrl)).toBuffer();
  }

  static String text(DueDelivery delivery, String baseUrl) {
    if (delivery.isTest()) {
      return escape(Payload.testMessage(delivery)) + " <" + baseUrl + "|Baton>";
    }
    StringBuilder text = new StringBuilder(escape(delivery.product()));
    if (delivery.version() != null) {
      text.append(' ').append(escape(delivery.version()));
    }
    text.append(": ")
        .append(delivery.event().ofStep() ? escape(delivery.environment()) : "release")
        .append(' ')
        .append(delivery.event().verb());
    if (!delivery.event().ofStep()) {
      text.append(" (").append(escape(delivery.flow())).append(')');
    }
    if (delivery.message() != null && !delivery.message().isBlank() && !succeeded(delivery)) {
      text.append(": ").append(escape(delivery.message()));
    }
    return text.append(" <")
        .append(Payload.releaseLink(delivery, baseUrl))
        .append("|release ")
        .append(delivery.releaseId())
        .append('>')
        .toString();
  }

  private static boolean succeeded(DueDelivery delivery) {
    return delivery.event() == WebhookEvent.STEP_SUCCEEDED
        || delivery.event() == WebhookEvent.RELEASE_SUCCEEDED;
  }

  /** Slack's three control characters in message text. */
  private static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
