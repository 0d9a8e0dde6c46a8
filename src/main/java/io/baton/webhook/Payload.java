package io.baton.webhook;

import io.vertx.core.buffer.Buffer;

/** How one format writes a delivery's body: one class per {@link WebhookFormat}. */
interface Payload {
  WebhookFormat format();

  String contentType();

  /**
   * @param baseUrl where people reach this Baton, without a trailing slash
   */
  Buffer body(DueDelivery delivery, String baseUrl);

  /** What a TEST event says, in every format. */
  static String testMessage(DueDelivery delivery) {
    return "Baton test event for webhook "
        + delivery.webhook()
        + ": sent by testWebhook, it shows that Baton's deliveries reach this receiver.";
  }

  static String releaseLink(DueDelivery delivery, String baseUrl) {
    return baseUrl + "/releases/" + delivery.releaseId();
  }
}
