package io.baton.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * {@code CLOUDEVENTS}: a CloudEvents 1.0 event in structured JSON mode. Its id is the release
 * event's, so a receiver told the same event twice (a retry after a lost answer, a redelivery) can
 * tell.
 */
final class CloudEventPayload implements Payload {
  static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

  @Override
  public WebhookFormat format() {
    return WebhookFormat.CLOUDEVENTS;
  }

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public Buffer body(DueDelivery delivery, String baseUrl) {
    JsonObject data = delivery.isTest() ? testData(delivery) : releaseData(delivery, baseUrl);
    JsonObject event =
        new JsonObject()
            .put("specversion", "1.0")
            .put("id", delivery.eventId())
            .put("source", baseUrl)
            .put("type", delivery.event().cloudEventType())
            .put("subject", subject(delivery))
            .put("time", delivery.at().toString())
            .put("datacontenttype", "application/json")
            .put("data", data);
    return event.toBuffer();
  }

  private static JsonObject testData(DueDelivery delivery) {
    return new JsonObject()
        .put("webhook", delivery.webhook())
        .put("message", Payload.testMessage(delivery));
  }

  private static JsonObject releaseData(DueDelivery delivery, String baseUrl) {
    return new JsonObject()
        .put("releaseId", Long.toString(delivery.releaseId()))
        .put("product", delivery.product())
        .put("flow", delivery.flow())
        .put("version", delivery.version())
        .put("environment", delivery.environment())
        .put("status", delivery.status())
        .put("message", delivery.message())
        .put("url", Payload.releaseLink(delivery, baseUrl));
  }

  private static String subject(DueDelivery delivery) {
    if (delivery.isTest()) {
      return "webhooks/" + delivery.webhook();
    }
    String release = "releases/" + delivery.releaseId();
    return delivery.environment() == null ? release : release + "/" + delivery.environment();
  }
}
