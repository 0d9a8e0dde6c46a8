package io.baton.release;

import java.time.Duration;
import java.util.UUID;

/**
 * How the engine paces itself. A crashed instance's steps are taken over once their lease runs out,
 * so {@code lease} plus {@code poll} bounds the takeover time (the contract says within 30
 * seconds).
 */
public record EngineOptions(
    String instanceId,
    Duration lease,
    Duration poll,
    Duration timeoutSweep,
    int capacity,
    int technicalRetries,
    Duration retryBackoff) {

  public static EngineOptions defaults() {
    return new EngineOptions(
        "baton-" + UUID.randomUUID().toString().substring(0, 8),
        Duration.ofSeconds(15),
        Duration.ofMillis(500),
        Duration.ofMillis(500),
        64,
        2,
        Duration.ofSeconds(1));
  }
}
