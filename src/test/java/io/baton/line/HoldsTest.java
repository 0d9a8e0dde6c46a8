package io.baton.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of hold, and the line as a whole, decided from a step and the clock alone. */
class HoldsTest {
  private static final Instant NOW = Instant.parse("2026-12-24T12:00:00Z");
  private static final long QA = 2;
  private static final long PROD = 3;
  private static final long PROD_APP = 30;

  private static HoldSubject into(long environmentId, String environment, String override) {
    return new HoldSubject(
        7, environmentId, environment, environmentId * 10, "demo-" + environment, override);
  }

  private static final HoldSubject QA_STEP = into(QA, "qa", null);
  private static final HoldSubject PROD_STEP = into(PROD, "prod", null);

  private static FreezeWindow yearEnd(Instant start, Instant end) {
    return new FreezeWindow(
        1, "year-end", List.of("prod"), start, end, null, null, "UTC", "year end", "alice");
  }

  @Test
  void a_one_off_window_holds_its_environments_from_its_start_until_its_end() {
    Instant end = NOW.plus(Duration.ofHours(1));
    Hold open = new FreezeWindowHold(yearEnd(NOW, end));

    assertThat(open.check(PROD_STEP, NOW))
        .isEqualTo(Verdict.held("Frozen by window year-end until 2026-12-24T13:00Z", end));
    assertThat(open.check(QA_STEP, NOW)).isEqualTo(Verdict.FREE);
    assertThat(open.check(PROD_STEP, NOW.minusMillis(1))).isEqualTo(Verdict.FREE);
    assertThat(open.check(PROD_STEP, end)).isEqualTo(Verdict.FREE);
  }

  @Test
  void an_override_lets_a_step_through_every_window_but_not_a_pause_or_a_pin() {
    HoldSubject overridden = into(PROD, "prod", "overridden by bob: hotfix");
    LineState line =
        new LineState(
            5,
            List.of(
                new FreezeWindowHold(yearEnd(NOW.minusSeconds(60), NOW.plusSeconds(60))),
                new EnvironmentPauseHold(PROD, "prod", "alice", "on fire")));

    assertThat(
            new FreezeWindowHold(yearEnd(NOW.minusSeconds(60), NOW.plusSeconds(60)))
                .check(overridden, NOW))
        .isEqualTo(Verdict.FREE);
    assertThat(line.verdict(overridden, NOW).message())
        .isEqualTo("prod is paused by alice: on fire");
  }

  @Test
  void a_pause_holds_only_its_environment_and_a_pin_only_its_application_until_lifted() {
    Hold pause = new EnvironmentPauseHold(QA, "qa", "alice", "incident 42");
    Hold pin = new ApplicationPinHold(PROD_APP, "demo-prod", "bob", "keep 1.1.0");

    assertThat(pause.check(QA_STEP, NOW))
        .isEqualTo(Verdict.held("qa is paused by alice: incident 42", null));
    assertThat(pause.check(PROD_STEP, NOW)).isEqualTo(Verdict.FREE);
    assertThat(pin.check(PROD_STEP, NOW))
        .isEqualTo(Verdict.held("demo-prod is pinned by bob: keep 1.1.0", null));
    assertThat(pin.check(QA_STEP, NOW)).isEqualTo(Verdict.FREE);
    assertThat(pin.check(into(PROD, "prod", null), NOW.plus(Duration.ofDays(365))).held()).isTrue();
  }

  @Test
  void the_first_hold_of_the_line_that_holds_a_step_names_it_and_none_leaves_it_free() {
    LineState line =
        new LineState(
            9,
            List.of(
                new EnvironmentPauseHold(QA, "qa", "alice", "incident 42"),
                new ApplicationPinHold(PROD_APP, "demo-prod", "bob", "keep 1.1.0"),
                new FreezeWindowHold(yearEnd(NOW.minusSeconds(60), NOW.plusSeconds(60)))));

    assertThat(line.verdict(PROD_STEP, NOW).message())
        .isEqualTo("demo-prod is pinned by bob: keep 1.1.0");
    assertThat(line.verdict(QA_STEP, NOW).message())
        .isEqualTo("qa is paused by alice: incident 42");
    assertThat(line.verdict(into(1, "dev", null), NOW)).isEqualTo(Verdict.FREE);
    assertThat(new LineState(0, List.of()).verdict(PROD_STEP, NOW)).isEqualTo(Verdict.FREE);
  }
}
