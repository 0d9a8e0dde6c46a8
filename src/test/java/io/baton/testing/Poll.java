package io.baton.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for a condition with a deadline: tests never sleep for a fixed time to wait for a result.
 */
public final class Poll {
  private Poll() {}

  public static <T> T until(Supplier<T> value, Predicate<T> done, Duration timeout, String what) {
    Instant deadline = Instant.now().plus(timeout);
    T last = value.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
      }
      pause();
      last = value.get();
    }
    return last;
  }

  /** A short pause between two looks at a condition. */
  static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
