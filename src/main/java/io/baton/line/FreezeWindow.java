package io.baton.line;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A freeze window on some environments: one-off ({@code start} to {@code end}) or recurring (a
 * {@code cron} start in {@code timeZone}, open for {@code duration}).
 */
public record FreezeWindow(
    long id,
    String name,
    List<String> environments,
    Instant start,
    Instant end,
    String cron,
    Duration duration,
    String timeZone,
    String reason,
    String createdBy) {

  public boolean recurring() {
    return cron != null;
  }

  /** When the window that is open at {@code now} closes; empty: closed now. */
  public Optional<Instant> openUntil(Instant now) {
    if (!recurring()) {
      return !now.isBefore(start) && now.isBefore(end) ? Optional.of(end) : Optional.empty();
    }
    // The earliest start in (now - duration, now] is an occurrence open now.
    return CronSchedule.parse(cron)
        .next(now.minus(duration), zone())
        .filter(opened -> !opened.isAfter(now))
        .map(opened -> opened.plus(duration));
  }

  /** The next time it opens after {@code now}; empty: never again. */
  public Optional<Instant> nextStart(Instant now) {
    if (!recurring()) {
      return start.isAfter(now) ? Optional.of(start) : Optional.empty();
    }
    return CronSchedule.parse(cron).next(now, zone());
  }

  public ZoneId zone() {
    return ZoneId.of(timeZone == null ? "UTC" : timeZone);
  }
}
