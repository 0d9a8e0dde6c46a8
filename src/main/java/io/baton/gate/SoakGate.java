package io.baton.gate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code SOAK}: the version stands in the environment, every other gate of the step passed, for a
 * duration before the step succeeds (Kargo's required soak time). The step stays RUNNING meanwhile.
 */
public final class SoakGate implements Gate {
  /** How often to look again while the step's other gates have not passed yet. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  static final Duration MAX_DURATION = Duration.ofDays(30);

  @Override
  public GateKind kind() {
    return GateKind.SOAK;
  }

  @Override
  public Future<GateOutcome> check(GateCheck check) {
    return Future.succeededFuture(
        decide(
            check.spec().soak().orElse(Duration.ZERO),
            check.spec().interval().orElse(DEFAULT_INTERVAL),
            check.otherGatesPassedAt(),
            check.now()));
  }

  /**
   * Passed once {@code duration} has gone by since every other gate passed; until then waiting,
   * checked again at the exact moment it will pass (or every {@code interval} while the other gates
   * have not passed).
   */
  static GateOutcome decide(
      Duration duration, Duration interval, Optional<Instant> otherGatesPassedAt, Instant now) {
    if (otherGatesPassedAt.isEmpty()) {
      return new GateOutcome.Waiting(
          "Soak of " + Durations.text(duration) + " starts when the step's other gates have passed",
          now.plus(interval),
          new JsonObject(),
          false);
    }
    Instant passesAt = otherGatesPassedAt.get().plus(duration);
    if (!now.isBefore(passesAt)) {
      return new GateOutcome.Passed("Soaked for " + Durations.text(duration));
    }
    Duration soaked = Duration.between(otherGatesPassedAt.get(), now);
    return new GateOutcome.Waiting(
        "Soaking: " + Durations.text(soaked) + " of " + Durations.text(duration),
        passesAt,
        new JsonObject(),
        false);
  }

  /** What is wrong with a soak's definition; empty when it is valid. */
  public static List<String> problems(GateSpec spec) {
    List<String> problems = new ArrayList<>();
    Optional<Duration> duration = spec.soak();
    if (duration.isEmpty()) {
      problems.add("a soak needs a duration");
    } else if (duration.get().isNegative() || duration.get().isZero()) {
      problems.add("a soak's duration must be positive");
    } else if (duration.get().compareTo(MAX_DURATION) > 0) {
      problems.add("a soak lasts at most " + MAX_DURATION.toDays() + " days");
    }
    return problems;
  }
}
