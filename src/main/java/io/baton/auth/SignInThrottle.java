package io.baton.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per client address and says how long to hold the next answer, so guessing
 * tokens gets slower and slower: free for the first few, then doubling up to {@link #MAX_DELAY}.
 */
public final class SignInThrottle {
  static final int FREE_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(5);
  static final Duration MAX_DELAY = Duration.ofSeconds(5);
  private static final int MAX_TRACKED = 100_000;

  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  private record Failures(int count, Instant since) {}

  public SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Records a failure and returns how long to wait before answering it. */
  public Duration failed(String address) {
    Instant now = clock.instant();
    if (failures.size() > MAX_TRACKED) {
      failures.clear();
    }
    Failures f =
        failures.compute(
            address,
            (key, old) ->
                old == null || old.since().plus(WINDOW).isBefore(now)
                    ? new Failures(1, now)
                    : new Failures(old.count() + 1, old.since()));
    return delayFor(f.count());
  }

  public void succeeded(String address) {
    failures.remove(address);
  }

  static Duration delayFor(int failures) {
    if (failures <= FREE_FAILURES) {
      return Duration.ZERO;
    }
    long millis = 100L << Math.min(failures - FREE_FAILURES - 1, 10);
    return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
  }
}
