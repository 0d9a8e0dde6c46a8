package io.baton.retention;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which finished releases Baton deletes, and how fast: {@code BATON_RETENTION_MAX_AGE} (an ISO-8601
 * duration such as {@code P90D}: a release finished longer ago may go), {@code
 * BATON_RETENTION_KEEP_PER_PRODUCT} (each product's newest this many releases stay), {@code
 * BATON_RETENTION_INTERVAL} (how often each instance looks), {@code BATON_RETENTION_BATCH_SIZE}
 * (releases deleted per transaction, with their steps and events) and {@code
 * BATON_RETENTION_BATCH_PAUSE} (the pause between two batches).
 *
 * <p>With both limits set, a release goes only when both let it go: it is older than the max age
 * and not among its product's newest. With neither set (the default), retention is off: deleting
 * history cannot be undone, so an upgrade never starts deleting what a Baton kept before.
 */
public record RetentionPolicy(
    Optional<Duration> maxAge,
    OptionalInt keepPerProduct,
    Duration interval,
    int batchSize,
    Duration batchPause) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
  public static final int DEFAULT_BATCH_SIZE = 200;
  public static final Duration DEFAULT_BATCH_PAUSE = Duration.ofSeconds(1);
  public static final RetentionPolicy OFF =
      new RetentionPolicy(
          Optional.empty(),
          OptionalInt.empty(),
          DEFAULT_INTERVAL,
          DEFAULT_BATCH_SIZE,
          DEFAULT_BATCH_PAUSE);

  public RetentionPolicy {
    if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
      throw new IllegalArgumentException(
          "BATON_RETENTION_MAX_AGE must be a positive duration, e.g. P90D");
    }
    if (keepPerProduct.isPresent() && keepPerProduct.getAsInt() < 1) {
      throw new IllegalArgumentException("BATON_RETENTION_KEEP_PER_PRODUCT must be at least 1");
    }
    if (interval.toMillis() < 100) {
      throw new IllegalArgumentException("BATON_RETENTION_INTERVAL must be at least PT0.1S");
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("BATON_RETENTION_BATCH_SIZE must be from 1 to 10000");
    }
    if (batchPause.isNegative()) {
      throw new IllegalArgumentException("BATON_RETENTION_BATCH_PAUSE must not be negative");
    }
  }

  /** Whether anything is ever deleted. */
  public boolean on() {
    return maxAge.isPresent() || keepPerProduct.isPresent();
  }

  public static RetentionPolicy fromEnvironment(Map<String, String> env) {
    return new RetentionPolicy(
        value(env, "BATON_RETENTION_MAX_AGE").map(v -> duration("BATON_RETENTION_MAX_AGE", v)),
        value(env, "BATON_RETENTION_KEEP_PER_PRODUCT")
            .map(v -> OptionalInt.of(number("BATON_RETENTION_KEEP_PER_PRODUCT", v)))
            .orElse(OptionalInt.empty()),
        value(env, "BATON_RETENTION_INTERVAL")
            .map(v -> duration("BATON_RETENTION_INTERVAL", v))
            .orElse(DEFAULT_INTERVAL),
        value(env, "BATON_RETENTION_BATCH_SIZE")
            .map(v -> number("BATON_RETENTION_BATCH_SIZE", v))
            .orElse(DEFAULT_BATCH_SIZE),
        value(env, "BATON_RETENTION_BATCH_PAUSE")
            .map(v -> duration("BATON_RETENTION_BATCH_PAUSE", v))
            .orElse(DEFAULT_BATCH_PAUSE));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static Duration duration(String name, String value) {
    try {
      return Duration.parse(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name + " takes an ISO-8601 duration such as P90D or PT10M, not \"" + value + "\"");
    }
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a whole number, not \"" + value + "\"");
    }
  }
}
