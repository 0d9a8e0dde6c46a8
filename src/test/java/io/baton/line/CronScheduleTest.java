package io.baton.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.error.BatonException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

  @ParameterizedTest(name = "{0} in {1} after {2} is {3}")
  @CsvSource({
    // Fridays 15:00 in Berlin: 13:00Z in summer (CEST), 14:00Z in winter (CET).
    "0 15 * * 5, Europe/Berlin, 2026-07-01T00:00:00Z, 2026-07-03T13:00:00Z",
    "0 15 * * 5, Europe/Berlin, 2026-12-01T00:00:00Z, 2026-12-04T14:00:00Z",
    // Across the change to winter time (25 October 2026): the Friday before is summer, after is
    // winter.
    "0 15 * * 5, Europe/Berlin, 2026-10-23T13:00:00Z, 2026-10-30T14:00:00Z",
    // Across the change to summer time (29 March 2026).
    "0 15 * * 5, Europe/Berlin, 2026-03-27T14:00:00Z, 2026-04-03T13:00:00Z",
    // 02:30 does not exist in Berlin on 29 March 2026: it happens just after the gap, at 03:30
    // CEST.
    "30 2 29 3 *, Europe/Berlin, 2026-03-01T00:00:00Z, 2026-03-29T01:30:00Z",
    // 02:30 happens twice on 25 October 2026: the first (CEST).
    "30 2 25 10 *, Europe/Berlin, 2026-10-01T00:00:00Z, 2026-10-25T00:30:00Z",
    "*/15 * * * *, UTC, 2026-01-01T00:07:00Z, 2026-01-01T00:15:00Z",
    "0 9-17/4 * * 1-5, UTC, 2026-01-03T00:00:00Z, 2026-01-05T09:00:00Z",
    "0 0 1 1 *, UTC, 2026-01-01T00:00:00Z, 2027-01-01T00:00:00Z",
    "0 0 * * 0, UTC, 2026-01-01T00:00:00Z, 2026-01-04T00:00:00Z",
    "0 0 * * 7, UTC, 2026-01-01T00:00:00Z, 2026-01-04T00:00:00Z",
    // Both day fields restricted: either matches (the 13th, or a Friday).
    "0 0 13 * 5, UTC, 2026-01-01T00:00:00Z, 2026-01-02T00:00:00Z",
    "'0,30 12 * * *', UTC, 2026-01-01T12:00:00Z, 2026-01-01T12:30:00Z",
  })
  void the_next_occurrence_is_the_local_time_in_its_zone(
      String cron, String zone, String after, String next) {
    assertThat(CronSchedule.parse(cron).next(Instant.parse(after), ZoneId.of(zone)))
        .contains(Instant.parse(next));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "* * * *",
        "60 * * * *",
        "* 24 * * *",
        "* * 0 * *",
        "5-1 * * * *",
        "x * * * *"
      })
  void a_bad_expression_is_refused_as_bad_input(String cron) {
    assertThatThrownBy(() -> CronSchedule.parse(cron))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("cron");
  }

  private static FreezeWindow fridays() {
    return new FreezeWindow(
        1,
        "weekend",
        List.of("prod"),
        null,
        null,
        "0 15 * * 5",
        Duration.ofHours(66),
        "Europe/Berlin",
        "weekend",
        "alice");
  }

  @ParameterizedTest(name = "at {0}: open until {1}")
  @CsvSource({
    "2026-07-03T12:59:00Z, ",
    "2026-07-03T13:00:00Z, 2026-07-06T07:00:00Z",
    "2026-07-05T10:00:00Z, 2026-07-06T07:00:00Z",
    "2026-07-06T07:00:00Z, ",
    "2026-12-04T13:30:00Z, ",
    "2026-12-04T14:00:00Z, 2026-12-07T08:00:00Z",
  })
  void every_friday_at_15_for_66_hours_in_berlin_opens_at_13z_in_summer_and_14z_in_winter(
      String now, String until) {
    assertThat(fridays().openUntil(Instant.parse(now)))
        .isEqualTo(Optional.ofNullable(until).map(Instant::parse));
  }
}
