package io.baton.gate;

import static io.baton.gate.Facts.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.MutableClock;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SoakGateTest {
  private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");
  private static final Duration TEN_S = Duration.ofSeconds(10);
  private static final Duration INTERVAL = Duration.ofSeconds(5);

  static Stream<Arguments> moments() {
    return Stream.of(
        Arguments.of(
            "other gates not passed",
            Optional.empty(),
            T,
            "Waiting",
            "Soak of 10 s starts when the step's other gates have passed",
            T.plus(INTERVAL)),
        Arguments.of(
            "just passed", Optional.of(T), T, "Waiting", "Soaking: 0 s of 10 s", T.plus(TEN_S)),
        Arguments.of(
            "seven seconds in",
            Optional.of(T),
            T.plusSeconds(7),
            "Waiting",
            "Soaking: 7 s of 10 s",
            T.plus(TEN_S)),
        Arguments.of(
            "a moment before the end",
            Optional.of(T),
            T.plusMillis(9999),
            "Waiting",
            "Soaking: 9 s of 10 s",
            T.plus(TEN_S)),
        Arguments.of(
            "at the end", Optional.of(T), T.plus(TEN_S), "Passed", "Soaked for 10 s", null),
        Arguments.of(
            "long after", Optional.of(T), T.plusSeconds(3600), "Passed", "Soaked for 10 s", null),
        Arguments.of(
            "a clock behind the passing",
            Optional.of(T),
            T.minusSeconds(2),
            "Waiting",
            "Soaking: 0 s of 10 s",
            T.plus(TEN_S)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("moments")
  void passes_once_the_duration_has_gone_by_since_the_other_gates_passed(
      String name,
      Optional<Instant> otherGatesPassedAt,
      Instant now,
      String outcome,
      String message,
      Instant nextCheck) {
    GateOutcome decided = SoakGate.decide(TEN_S, INTERVAL, otherGatesPassedAt, now);
    assertThat(decided.getClass().getSimpleName()).isEqualTo(outcome);
    assertThat(decided.message()).isEqualTo(message);
    if (decided instanceof GateOutcome.Waiting waiting) {
      assertThat(waiting.nextCheck()).isEqualTo(nextCheck);
      assertThat(waiting.forPerson()).isFalse();
    }
  }

  @Test
  void holds_for_the_whole_soak_on_a_moved_clock() {
    MutableClock clock = new MutableClock();
    SoakGate gate = new SoakGate();
    Instant passedAt = clock.instant();
    GateSpec spec =
        new GateSpec(
            GateKind.SOAK,
            null,
            Optional.empty(),
            Optional.empty(),
            null,
            null,
            Optional.of(TEN_S));

    GateOutcome first = await(gate.check(check(spec, passedAt, clock.instant())));
    clock.advance(Duration.ofSeconds(7));
    GateOutcome seven = await(gate.check(check(spec, passedAt, clock.instant())));
    clock.advance(Duration.ofSeconds(3));
    GateOutcome ten = await(gate.check(check(spec, passedAt, clock.instant())));

    assertThat(first).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(seven.message()).isEqualTo("Soaking: 7 s of 10 s");
    assertThat(((GateOutcome.Waiting) seven).nextCheck()).isEqualTo(passedAt.plus(TEN_S));
    assertThat(ten).isEqualTo(new GateOutcome.Passed("Soaked for 10 s"));
  }

  private static GateCheck check(GateSpec spec, Instant passedAt, Instant now) {
    return new GateCheck(
        spec, Facts.QA, passedAt, new JsonObject(), Optional.of(passedAt), List.of(), now);
  }

  @Test
  void a_soak_needs_a_positive_bounded_duration() {
    assertThat(SoakGate.problems(soak(null))).containsExactly("a soak needs a duration");
    assertThat(SoakGate.problems(soak(Duration.ZERO))).hasSize(1);
    assertThat(SoakGate.problems(soak(Duration.ofDays(31)))).hasSize(1);
    assertThat(SoakGate.problems(soak(Duration.ofMinutes(10)))).isEmpty();
  }

  @Test
  void says_longer_durations_in_minutes_and_hours() {
    assertThat(Durations.text(Duration.ofSeconds(150))).isEqualTo("2 min 30 s");
    assertThat(Durations.text(Duration.ofMinutes(10))).isEqualTo("10 min");
    assertThat(Durations.text(Duration.ofMinutes(65))).isEqualTo("1 h 5 min");
  }

  private static GateSpec soak(Duration duration) {
    return new GateSpec(GateKind.SOAK, null, null, null, null, null, Optional.ofNullable(duration));
  }
}
