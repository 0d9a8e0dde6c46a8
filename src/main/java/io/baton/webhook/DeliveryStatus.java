package io.baton.webhook;

/** Where a delivery is. DELIVERED and FAILED are terminal; redeliverWebhook makes a new one. */
public enum DeliveryStatus {
  /** Not yet sent, or sent and to be tried again. */
  PENDING,
  /** The receiver answered 2xx. */
  DELIVERED,
  /** Given up: no 2xx answer within the retry window, or an address Baton never contacts. */
  FAILED;

  public boolean isTerminal() {
    return this != PENDING;
  }
}
