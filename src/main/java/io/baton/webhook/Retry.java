package io.baton.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * What follows an attempt, decided from the facts alone: delivered on a 2xx answer; otherwise tried
 * again after an exponential backoff with jitter (half the backoff, plus up to as much again at
 * random, so that receivers coming back are not hit by every sender at once), until the retry
 * window from the delivery's creation is over; then given up. An address Baton never contacts is
 * given up at once.
 */
record Retry(Duration base, Duration max, Duration window) {
  static final Retry DEFAULTS =
      new Retry(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofDays(1));

  /** The outcome of an attempt. */
  sealed interface Next {
    /** The delivery's status after this outcome. */
    DeliveryStatus status();

    record Delivered() implements Next {
      @Override
      public DeliveryStatus status() {
        return DeliveryStatus.DELIVERED;
      }
    }

    record Again(Instant at) implements Next {
      @Override
      public DeliveryStatus status() {
        return DeliveryStatus.PENDING;
      }
    }

    record GiveUp() implements Next {
      @Override
      public DeliveryStatus status() {
        return DeliveryStatus.FAILED;
      }
    }
  }

  /**
   * @param attempts the attempts made so far, this one included
   * @param random a number in [0, 1)
   */
  Next after(
      Sender.Answer answer, int attempts, Instant createdAt, Instant now, DoubleSupplier random) {
    if (answer instanceof Sender.Answer.Response response && response.delivered()) {
      return new Next.Delivered();
    }
    Instant end = createdAt.plus(window);
    if (answer instanceof Sender.Answer.Refused || !now.isBefore(end)) {
      return new Next.GiveUp();
    }
    Instant next = now.plus(jittered(backoff(attempts), random.getAsDouble()));
    return new Next.Again(next.isAfter(end) ? end : next);
  }

  /** base, 2 base, 4 base... at most max. */
  Duration backoff(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 40);
    long millis = base.toMillis();
    for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  static Duration jittered(Duration backoff, double random) {
    long half = backoff.toMillis() / 2;
    return Duration.ofMillis(half + (long) (random * (backoff.toMillis() - half)));
  }
}
