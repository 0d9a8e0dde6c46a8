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

  static String releaseLink(DueDelivery delivery, String baseUrl) {
    return baseUrl + "/releases/" + delivery.releaseId();
  }
}
