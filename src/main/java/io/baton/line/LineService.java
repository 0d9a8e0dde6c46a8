package io.baton.line;

import io.baton.audit.Audit;
import io.baton.db.PgErrors;
import io.baton.environment.Environment;
import io.baton.environment.EnvironmentService;
import io.baton.error.BatonException;
import io.baton.product.Application;
import io.baton.product.ApplicationService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Line control: freeze windows, paused environments and pinned applications, which hold steps
 * before their actions (see {@link Hold}). Every change bumps the line's version in its own
 * transaction, with its audit entry, so that held steps are judged again on every instance.
 */
public final class LineService {
  static final int MAX_TEXT = 1000;

  private final Pool pool;
  private final Clock clock;
  private final EnvironmentService environments;
  private final ApplicationService applications;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile LineState last;

  public LineService(
      Pool pool, Clock clock, EnvironmentService environments, ApplicationService applications) {
    this.pool = pool;
    this.clock = clock;
    this.environments = environments;
    this.applications = applications;
  }

  /** Now, by the clock the engine uses. */
  public Instant now() {
    return clock.instant();
  }

  /** {@code listener} runs after each change of line control this instance commits. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** A pause or a pin: who made it and why. */
  public record Reason(String by, String reason) {}

  /** The line's version alone: what a poll reads to learn whether anything changed. */
  public Future<Long> version() {
    return pool.query(LineSql.VERSION).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * The version first, then the holds: a hold read is never older than its version. The holds read
   * last are kept and given again while the version stays the same (they do not depend on the time:
   * a window's opening is worked out when a step is judged), so an unchanged line costs one
   * statement.
   */
  public Future<LineState> state() {
    return version()
        .compose(
            version -> {
              LineState known = last;
              return known != null && known.version() >= version
                  ? Future.succeededFuture(known)
                  : pool.withConnection(this::state).onSuccess(this::remember);
            });
  }

  private void remember(LineState state) {
    LineState known = last;
    if (known == null || known.version() < state.version()) {
      last = state;
    }
  }

  private Future<LineState> state(SqlClient sql) {
    return sql.query(LineSql.VERSION)
        .execute()
        .compose(
            version -> {
              Future<List<FreezeWindow>> windows = windows(sql);
              Future<List<Hold>> pauses =
                  sql.query(LineSql.PAUSES)
                      .execute()
                      .map(
                          rows -> {
                            List<Hold> all = new ArrayList<>();
                            rows.forEach(
                                r ->
                                    all.add(
                                        new EnvironmentPauseHold(
                                            r.getLong(0),
                                            r.getString(1),
                                            r.getString(2),
                                            r.getString(3))));
                            return all;
                          });
              Future<List<Hold>> pins =
                  sql.query(LineSql.PINS)
                      .execute()
                      .map(
                          rows -> {
                            List<Hold> all = new ArrayList<>();
                            rows.forEach(
                                r ->
                                    all.add(
                                        new ApplicationPinHold(
                                            r.getLong(0),
                                            r.getString(1),
                                            r.getString(2),
                                            r.getString(3))));
                            return all;
                          });
              return Future.all(windows, pauses, pins)
                  .map(
                      v -> {
                        List<Hold> holds = new ArrayList<>(pauses.result());
                        holds.addAll(pins.result());
                        windows.result().forEach(w -> holds.add(new FreezeWindowHold(w)));
                        return new LineState(
                            version.iterator().next().getLong(0), List.copyOf(holds));
                      });
            });
  }

  public Future<List<FreezeWindow>> windows() {
    return windows(pool);
  }

  private static Future<List<FreezeWindow>> windows(SqlClient sql) {
    return sql.query(LineSql.WINDOWS)
        .execute()
        .map(
            rows -> {
              List<FreezeWindow> all = new ArrayList<>();
              rows.forEach(r -> all.add(window(r)));
              return all;
            });
  }

  /** The first window open at {@code now} on each of {@code environments} (none: left out). */
  public Future<Map<String, FreezeWindow>> frozenBy(Set<String> environments, Instant now) {
    return windows()
        .map(
            all -> {
              Map<String, FreezeWindow> open = new HashMap<>();
              for (FreezeWindow window : all) {
                if (window.openUntil(now).isEmpty()) {
                  continue;
                }
                window.environments().stream()
                    .filter(environments::contains)
                    .forEach(name -> open.putIfAbsent(name, window));
              }
              return open;
            });
  }

  /** The pauses of many environments, by id (not paused: left out). */
  public Future<Map<Long, Reason>> pausesOf(Set<Long> environmentIds) {
    return reasons(LineSql.PAUSES_OF, environmentIds);
  }

  /** The pins of many applications, by id (not pinned: left out). */
  public Future<Map<Long, Reason>> pinsOf(Set<Long> applicationIds) {
    return reasons(LineSql.PINS_OF, applicationIds);
  }

  private Future<Map<Long, Reason>> reasons(String statement, Set<Long> ids) {
    return pool.preparedQuery(statement)
        .execute(Tuple.of((Object) ids.toArray(Long[]::new)))
        .map(
            rows -> {
              Map<Long, Reason> byId = new HashMap<>();
              rows.forEach(r -> byId.put(r.getLong(0), new Reason(r.getString(1), r.getString(2))));
              return byId;
            });
  }

  /** What {@code createFreezeWindow} was given. */
  public record NewFreezeWindow(
      String name,
      List<String> environments,
      Instant start,
      Instant end,
      String cron,
      Duration duration,
      String timeZone,
      String reason) {}

  public Future<FreezeWindow> createWindow(NewFreezeWindow in, Audit audit) {
    FreezeWindow window;
    try {
      window = validated(in, audit.actor());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return environments
        .list()
        .compose(
            known -> {
              List<String> names = known.stream().map(Environment::name).toList();
              for (String name : window.environments()) {
                if (!names.contains(name)) {
                  throw BatonException.notFound("environment", name);
                }
              }
              return change(
                      audit,
                      sql ->
                          sql.preparedQuery(LineSql.INSERT_WINDOW)
                              .execute(
                                  Tuple.tuple()
                                      .addValue(window.name())
                                      .addValue(odt(window.start()))
                                      .addValue(odt(window.end()))
                                      .addValue(window.cron())
                                      .addValue(
                                          window.duration() == null
                                              ? null
                                              : window.duration().toMillis())
                                      .addValue(window.timeZone())
                                      .addValue(window.reason())
                                      .addValue(window.createdBy()))
                              .compose(
                                  rows -> {
                                    long id = rows.iterator().next().getLong(0);
                                    return sql.preparedQuery(LineSql.INSERT_WINDOW_ENVIRONMENTS)
                                        .execute(
                                            Tuple.tuple()
                                                .addValue(id)
                                                .addValue(
                                                    window.environments().toArray(String[]::new)))
                                        .map(
                                            v ->
                                                new FreezeWindow(
                                                    id,
                                                    window.name(),
                                                    window.environments(),
                                                    window.start(),
                                                    window.end(),
                                                    window.cron(),
                                                    window.duration(),
                                                    window.timeZone(),
                                                    window.reason(),
                                                    window.createdBy()));
                                  }))
                  .recover(
                      failure ->
                          Future.failedFuture(
                              PgErrors.is(failure, "23505")
                                  ? BatonException.conflict(
                                      "a freeze window named \"" + window.name() + "\" exists")
                                  : failure));
            });
  }

  private static FreezeWindow validated(NewFreezeWindow in, String by) {
    String name = required(in.name(), "name");
    String reason = required(in.reason(), "reason");
    if (in.environments() == null || in.environments().isEmpty()) {
      throw BatonException.badInput("a freeze window needs at least one environment");
    }
    String zone = in.timeZone() == null || in.timeZone().isBlank() ? "UTC" : in.timeZone();
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw BatonException.badInput("timeZone \"" + zone + "\" is not an IANA time zone");
    }
    boolean oneOff = in.start() != null || in.end() != null;
    boolean recurring = in.cron() != null || in.duration() != null;
    if (oneOff == recurring) {
      throw BatonException.badInput(
          "a freeze window is one-off (start and end) or recurring (cron and duration), not both");
    }
    if (oneOff && (in.start() == null || in.end() == null || !in.end().isAfter(in.start()))) {
      throw BatonException.badInput("a one-off freeze window needs a start before its end");
    }
    if (recurring) {
      if (in.cron() == null
          || in.duration() == null
          || in.duration().isNegative()
          || in.duration().isZero()) {
        throw BatonException.badInput(
            "a recurring freeze window needs a cron and a positive duration");
      }
      CronSchedule.parse(in.cron());
    }
    return new FreezeWindow(
        0,
        name,
        List.copyOf(in.environments()),
        in.start(),
        in.end(),
        recurring ? in.cron().trim() : null,
        in.duration(),
        zone,
        reason,
        by);
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw BatonException.badInput(field + " must not be blank");
    }
    if (value.length() > MAX_TEXT) {
      throw BatonException.badInput(field + " is longer than " + MAX_TEXT + " characters");
    }
    return value.trim();
  }

  public Future<FreezeWindow> deleteWindow(String name, Audit audit) {
    return windows()
        .compose(
            all -> {
              Optional<FreezeWindow> found =
                  all.stream().filter(w -> w.name().equals(name)).findFirst();
              if (found.isEmpty()) {
                throw BatonException.notFound("freeze window", name);
              }
              return change(
                  audit,
                  sql ->
                      sql.preparedQuery(LineSql.DELETE_WINDOW)
                          .execute(Tuple.of(name))
                          .map(rows -> found.get()));
            });
  }

  public Future<Environment> pause(String environment, String reason, Audit audit) {
    String why = requiredOrFail(reason);
    return environments
        .get(environment)
        .compose(
            env ->
                change(
                    audit,
                    sql ->
                        sql.preparedQuery(LineSql.PAUSE)
                            .execute(Tuple.of(env.id(), audit.actor(), why))
                            .map(env)));
  }

  public Future<Environment> resume(String environment, Audit audit) {
    return environments
        .get(environment)
        .compose(
            env ->
                change(
                    audit,
                    sql -> sql.preparedQuery(LineSql.RESUME).execute(Tuple.of(env.id())).map(env)));
  }

  public Future<Application> pin(String application, String reason, Audit audit) {
    String why = requiredOrFail(reason);
    return applications
        .get(application)
        .compose(
            app ->
                change(
                    audit,
                    sql ->
                        sql.preparedQuery(LineSql.PIN)
                            .execute(Tuple.of(app.id(), audit.actor(), why))
                            .map(app)));
  }

  public Future<Application> unpin(String application, Audit audit) {
    return applications
        .get(application)
        .compose(
            app ->
                change(
                    audit,
                    sql -> sql.preparedQuery(LineSql.UNPIN).execute(Tuple.of(app.id())).map(app)));
  }

  private static String requiredOrFail(String reason) {
    return required(reason, "reason");
  }

  /**
   * Makes a change of line control in one transaction with its audit entry and a new version of the
   * line, then tells this instance's listeners.
   */
  private <T> Future<T> change(Audit audit, Function<SqlClient, Future<T>> work) {
    return audit
        .withTransaction(pool, sql -> work.apply(sql).compose(value -> bump(sql).map(value)))
        .onSuccess(v -> listeners.forEach(Runnable::run));
  }

  /** A new version of the line: every held step is judged again (see {@code line_control}). */
  public static Future<Void> bump(SqlClient sql) {
    return sql.query(LineSql.BUMP).execute().mapEmpty();
  }

  /** Tells this instance's listeners that the line changed (after a commit made elsewhere). */
  public void changed() {
    listeners.forEach(Runnable::run);
  }

  private static FreezeWindow window(Row r) {
    Long ms = r.getLong("duration_ms");
    return new FreezeWindow(
        r.getLong("id"),
        r.getString("name"),
        Arrays.asList(r.getArrayOfStrings("environments")),
        instant(r.getOffsetDateTime("start_at")),
        instant(r.getOffsetDateTime("end_at")),
        r.getString("cron"),
        ms == null ? null : Duration.ofMillis(ms),
        r.getString("time_zone"),
        r.getString("reason"),
        r.getString("created_by"));
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime odt(Instant value) {
    return value == null ? null : value.atOffset(ZoneOffset.UTC);
  }
}
