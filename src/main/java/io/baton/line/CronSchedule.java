package io.baton.line;

import io.baton.error.BatonException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.Optional;

/**
 * A five-field cron expression (minute, hour, day of month, month, day of week; each {@code *}, a
 * number, a range {@code a-b}, a step {@code /n}, or a comma list of those; day of week 0-7, 0 and
 * 7 Sunday) read as local times in a time zone: pure, so its occurrences across daylight-saving
 * changes are table-tested. A local time that a change skips happens at the first instant after the
 * gap; one that happens twice, at the first of the two. As in cron, when both day fields are
 * restricted a day matches either.
 */
public final class CronSchedule {
  private static final int SEARCH_DAYS = 366 * 5;

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronSchedule(String expression, String[] fields) {
    this.expression = expression;
    minutes = field(fields[0], 0, 59, "minute");
    hours = field(fields[1], 0, 23, "hour");
    daysOfMonth = field(fields[2], 1, 31, "day of month");
    months = field(fields[3], 1, 12, "month");
    daysOfWeek = field(fields[4], 0, 7, "day of week");
    if (daysOfWeek.get(7)) {
      daysOfWeek.set(0);
    }
    anyDayOfMonth = fields[2].startsWith("*");
    anyDayOfWeek = fields[4].startsWith("*");
  }

  /** Parses {@code expression}; a bad one is refused with BAD_USER_INPUT saying which field. */
  public static CronSchedule parse(String expression) {
    String[] fields = expression == null ? new String[0] : expression.trim().split("\\s+");
    if (fields.length != 5) {
      throw BatonException.badInput(
          "cron must have five fields (minute hour day-of-month month day-of-week): \""
              + expression
              + "\"");
    }
    return new CronSchedule(expression.trim(), fields);
  }

  public String expression() {
    return expression;
  }

  /** The first occurrence strictly after {@code after}, in {@code zone}; empty: none in 5 years. */
  public Optional<Instant> next(Instant after, ZoneId zone) {
    LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
      if (!matches(day)) {
        continue;
      }
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          Instant at = LocalDateTime.of(day, LocalTime.of(h, m)).atZone(zone).toInstant();
          if (at.isAfter(after)) {
            return Optional.of(at);
          }
        }
      }
    }
    return Optional.empty();
  }

  private boolean matches(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    boolean dow =
        daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
    if (anyDayOfMonth || anyDayOfWeek) {
      return dom && dow;
    }
    return dom || dow;
  }

  private static BitSet field(String text, int min, int max, String name) {
    BitSet set = new BitSet(max + 1);
    for (String part : text.split(",")) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), 1, max, name, text);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = number(ends[0], min, max, name, text);
        to = number(ends[1], min, max, name, text);
        if (to < from) {
          throw bad(name, text);
        }
      } else {
        from = number(range, min, max, name, text);
        to = slash >= 0 ? max : from;
      }
      for (int v = from; v <= to; v += step) {
        set.set(v);
      }
    }
    return set;
  }

  private static int number(String text, int min, int max, String name, String field) {
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw bad(name, field);
      }
      return value;
    } catch (NumberFormatException e) {
      throw bad(name, field);
    }
  }

  private static BatonException bad(String name, String field) {
    return BatonException.badInput("cron's " + name + " field \"" + field + "\" is not valid");
  }
}
