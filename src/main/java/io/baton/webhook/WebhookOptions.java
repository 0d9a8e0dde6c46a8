package io.baton.webhook;

import java.time.Duration;

/**
 * The deliverer's pacing.
 *
 * @param poll how often it looks for due deliveries besides being woken by new events
 * @param requestTimeout the longest one POST may take, connecting included
 * @param maxInFlight deliveries this instance sends at once, at most one per webhook
 * @param backoff the first retry's delay; it doubles with each failed attempt
 * @param maxBackoff the longest delay between two attempts
 * @param retryFor how long after a delivery's creation it is retried before it is given up
 */
public record WebhookOptions(
    Duration poll,
    Duration requestTimeout,
    int maxInFlight,
    Duration backoff,
    Duration maxBackoff,
    Duration retryFor) {

  public static WebhookOptions defaults() {
    return new WebhookOptions(
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        32,
        Retry.DEFAULTS.base(),
        Retry.DEFAULTS.max(),
        Retry.DEFAULTS.window());
  }

  /**
   * A claim's lease: longer than a POST may take (the request timeout bounds it), so that only a
   * dead deliverer's claims run out, and short, so that they are taken over soon after.
   */
  Duration lease() {
    return requestTimeout.plusSeconds(15);
  }

  Retry retry() {
    return new Retry(backoff, maxBackoff, retryFor);
  }
}
