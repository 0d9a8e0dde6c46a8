package io.baton.release;

import io.baton.environment.Environment;
import io.baton.environment.EnvironmentKind;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes releases, steps and events. Callers pass the connection: a transaction's, or the pool. */
final class ReleaseRepository {

  /** Another writer changed a row between our read and our write: the transaction is rolled back and redone. */
  static final class ConcurrentUpdate extends RuntimeException {
    ConcurrentUpdate(String message) {
      super(message, null, false, false);
    }
  }

  Future<Long> nextId(SqlClient sql) {
    return sql.query(ReleaseSql.NEXT_ID).execute().map(rows -> rows.iterator().next().getLong("id"));
  }

  Future<Void> lockProducts(SqlClient sql, Collection<Long> productIds) {
    return sql.preparedQuery(ReleaseSql.LOCK_PRODUCTS).execute(Tuple.of(productIds.toArray(Long[]::new))).mapEmpty();
  }

  /**
   * Locks the releases and loads them with their steps, keyed by id. The steps are asked for in the same breath
   * (pipelined on the connection, so they are read after the lock is taken): one round trip, not two.
   */
  Future<Map<Long, ReleaseRun>> lockRuns(SqlClient sql, Collection<Long> releaseIds) {
    return runs(sql, ReleaseSql.LOCK_RELEASES, releaseIds);
  }

  Future<Map<Long, ReleaseRun>> loadRuns(SqlClient sql, Collection<Long> releaseIds) {
    return runs(sql, ReleaseSql.RELEASES_BY_IDS, releaseIds);
  }

  private Future<Map<Long, ReleaseRun>> runs(SqlClient sql, String releasesSql, Collection<Long> releaseIds) {
    if (releaseIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Future<RowSet<Row>> releases = sql.preparedQuery(releasesSql).execute(Tuple.of((Object) releaseIds.toArray(Long[]::new)));
    Future<Map<Long, List<ReleaseStep>>> steps = stepsOf(sql, releaseIds);
    return Future.all(releases, steps).map(v -> {
      Map<Long, ReleaseRun> runs = new LinkedHashMap<>();
      releases(releases.result()).forEach(r -> runs.put(r.id, new ReleaseRun(r, steps.result().getOrDefault(r.id, List.of()))));
      return runs;
    });
  }

  Future<Release> find(SqlClient sql, long id) {
    return sql.preparedQuery(ReleaseSql.RELEASE_BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : release(rows.iterator().next()));
  }

  Future<Map<Long, List<ReleaseStep>>> stepsOf(SqlClient sql, Collection<Long> releaseIds) {
    return sql.preparedQuery(ReleaseSql.STEPS_OF).execute(Tuple.of((Object) releaseIds.toArray(Long[]::new)))
        .map(rows -> {
          Map<Long, List<ReleaseStep>> byRelease = new HashMap<>();
          rows.forEach(row -> byRelease.computeIfAbsent(row.getLong("release_id"), k -> new ArrayList<>()).add(step(row)));
          return byRelease;
        });
  }

  Future<List<Release>> page(SqlClient sql, Long productId, String flowName, String status, Long before, int limit) {
    return sql.preparedQuery(ReleaseSql.page(productId != null, flowName != null, status != null, before != null))
        .execute(pageArgs(productId, flowName, status, before, limit))
        .map(ReleaseRepository::releases);
  }

  /** The same page, each release with its steps, read in one statement. */
  Future<List<Release>> pageWithSteps(SqlClient sql, Long productId, String flowName, String status, Long before,
      int limit) {
    String statement = ReleaseSql.pageWithSteps(productId != null, flowName != null, status != null, before != null);
    return sql.preparedQuery(statement).execute(pageArgs(productId, flowName, status, before, limit))
        .map(rows -> {
          Map<Long, Release> releases = new LinkedHashMap<>();
          Map<Long, List<ReleaseStep>> steps = new HashMap<>();
          for (Row row : rows) {
            long id = row.getLong("id");
            releases.computeIfAbsent(id, k -> release(row));
            if (row.getLong("s_release_id") != null) {
              steps.computeIfAbsent(id, k -> new ArrayList<>()).add(step(row, "s_"));
            }
          }
          List<Release> page = new ArrayList<>(releases.size());
          releases.values().forEach(r -> page.add(r.withSteps(steps.getOrDefault(r.id, List.of()))));
          return page;
        });
  }

  /** The values of the filters given, in {@link ReleaseSql#page}'s order, then the limit. */
  private static Tuple pageArgs(Long productId, String flowName, String status, Long before, int limit) {
    Tuple args = Tuple.tuple();
    if (productId != null) {
      args.addLong(productId);
    }
    if (flowName != null) {
      args.addString(flowName);
    }
    if (status != null) {
      args.addString(status);
    }
    if (before != null) {
      args.addLong(before);
    }
    return args.addInteger(limit);
  }

  /** Ids of the product's other releases that are QUEUED, RUNNING or SUSPENDED, oldest first, with their status. */
  Future<Map<Long, ReleaseStatus>> activeOf(SqlClient sql, long productId, long except) {
    return sql.preparedQuery(ReleaseSql.ACTIVE_OF_PRODUCT).execute(Tuple.of(productId, except)).map(rows -> {
      Map<Long, ReleaseStatus> active = new LinkedHashMap<>();
      rows.forEach(row -> active.put(row.getLong("id"), ReleaseStatus.valueOf(row.getString("status"))));
      return active;
    });
  }

  Future<Void> insert(SqlClient sql, ReleaseRun run) {
    Release r = run.release();
    Tuple release = Tuple.tuple()
        .addLong(r.id).addLong(r.productId).addValue(r.flowId).addString(r.flowName).addValue(r.sourceApplicationId)
        .addValue(r.triggerEnvironmentId).addString(r.sourceCommit).addString(r.version).addString(r.status.name())
        .addString(r.message).addString(r.triggeredBy).addLong(r.timeout.toMillis()).addValue(odt(r.createdAt))
        .addValue(odt(r.startedAt)).addValue(odt(r.finishedAt)).addValue(odt(r.deadlineAt));
    List<Tuple> steps = run.steps().stream().map(s -> Tuple.tuple()
        .addLong(s.releaseId).addLong(s.environmentId).addInteger(s.position)
        .addValue(s.dependsOn.toArray(Long[]::new)).addString(s.action).addValue(s.applicationId)
        .addString(s.status.name()).addString(s.message).addString(s.commitSha).addString(s.version)
        .addInteger(s.attempt).addValue(odt(s.startedAt)).addValue(odt(s.finishedAt)).addString(s.leaseOwner)
        .addValue(odt(s.leaseUntil))).toList();
    r.dirty = false;
    run.steps().forEach(s -> s.dirty = false);
    // Pipelined: the steps' insert runs right after the release's, without waiting for its answer.
    return Future.all(sql.preparedQuery(ReleaseSql.INSERT_RELEASE).execute(release),
        sql.preparedQuery(ReleaseSql.INSERT_STEP).executeBatch(steps)).mapEmpty();
  }

  /** Writes what changed, compared against the revisions read; fails with ConcurrentUpdate if another writer won. */
  Future<Void> save(SqlClient sql, Collection<ReleaseRun> runs) {
    List<Tuple> releases = new ArrayList<>();
    List<Tuple> steps = new ArrayList<>();
    for (ReleaseRun run : runs) {
      Release r = run.release();
      if (r.dirty) {
        releases.add(Tuple.of(r.id, r.status.name(), r.message, odt(r.startedAt), odt(r.finishedAt),
            odt(r.deadlineAt), r.revision));
      }
      for (ReleaseStep s : run.steps()) {
        if (s.dirty) {
          steps.add(Tuple.tuple().addLong(s.releaseId).addLong(s.environmentId).addString(s.status.name())
              .addString(s.message).addString(s.commitSha).addString(s.version).addInteger(s.attempt)
              .addValue(odt(s.startedAt)).addValue(odt(s.finishedAt)).addString(s.leaseOwner)
              .addValue(odt(s.leaseUntil)).addInteger(s.revision));
        }
      }
    }
    // Both batches go out at once (pipelined); each is checked when its answer comes.
    List<Future<Void>> done = new ArrayList<>();
    if (!releases.isEmpty()) {
      done.add(sql.preparedQuery(ReleaseSql.UPDATE_RELEASE).executeBatch(releases)
          .compose(rows -> requireAllUpdated(rows, releases.size(), "release")));
    }
    if (!steps.isEmpty()) {
      done.add(sql.preparedQuery(ReleaseSql.UPDATE_STEP).executeBatch(steps)
          .compose(rows -> requireAllUpdated(rows, steps.size(), "release step")));
    }
    return Future.all(done).mapEmpty();
  }

  Future<Void> insertEvents(SqlClient sql, List<Transition> transitions, Instant at) {
    if (transitions.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = transitions.size();
    Long[] releaseIds = new Long[n];
    Long[] productIds = new Long[n];
    Long[] environmentIds = new Long[n];
    String[] statuses = new String[n];
    String[] previous = new String[n];
    String[] messages = new String[n];
    for (int i = 0; i < n; i++) {
      Transition t = transitions.get(i);
      releaseIds[i] = t.releaseId();
      productIds[i] = t.productId();
      environmentIds[i] = t.environmentId();
      statuses[i] = t.status();
      previous[i] = t.previousStatus();
      messages[i] = t.message();
    }
    return sql.preparedQuery(ReleaseSql.INSERT_EVENTS)
        .execute(Tuple.of(odt(at), releaseIds, productIds, environmentIds, statuses, previous).addValue(messages))
        .mapEmpty();
  }

  private static Future<Void> requireAllUpdated(RowSet<Row> rows, int expected, String what) {
    int updated = 0;
    for (RowSet<Row> r = rows; r != null; r = r.next()) {
      updated += r.rowCount();
    }
    if (updated != expected) {
      return Future.failedFuture(new ConcurrentUpdate(what + ": " + (expected - updated) + " of " + expected
          + " rows changed under us"));
    }
    return Future.succeededFuture();
  }

  static List<Release> releases(RowSet<Row> rows) {
    List<Release> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(release(row)));
    return list;
  }

  static Release release(Row row) {
    return new Release(row.getLong("id"), row.getLong("product_id"), row.getLong("flow_id"), row.getString("flow_name"),
        row.getLong("source_application_id"), row.getLong("trigger_environment_id"), row.getString("source_commit"),
        row.getString("version"), row.getString("triggered_by"), Duration.ofMillis(row.getLong("timeout_ms")),
        instant(row, "created_at"), row.getInteger("revision"), ReleaseStatus.valueOf(row.getString("status")),
        row.getString("message"), instant(row, "started_at"), instant(row, "finished_at"), instant(row, "deadline_at"));
  }

  static ReleaseStep step(Row row) {
    return step(row, "");
  }

  /** A step from columns named as in {@link ReleaseSql#STEP_COLUMNS}, each with {@code prefix} before it. */
  static ReleaseStep step(Row row, String p) {
    ReleaseStep step = new ReleaseStep(row.getLong(p + "release_id"), row.getLong(p + "environment_id"),
        row.getString(p + "environment_name"), row.getInteger(p + "position"),
        Arrays.asList(row.getArrayOfLongs(p + "depends_on")), row.getString(p + "action"),
        row.getLong(p + "application_id"), row.getInteger(p + "revision"), StepStatus.valueOf(row.getString(p + "status")),
        row.getString(p + "message"), row.getString(p + "commit_sha"), row.getString(p + "version"),
        row.getInteger(p + "attempt"), instant(row, p + "started_at"), instant(row, p + "finished_at"),
        row.getString(p + "lease_owner"), instant(row, p + "lease_until"));
    step.environment = new Environment(step.environmentId, step.environmentName,
        EnvironmentKind.valueOf(row.getString(p + "environment_kind")), row.getInteger(p + "environment_position"));
    return step;
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime odt(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
