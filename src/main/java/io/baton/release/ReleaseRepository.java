package io.baton.release;

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

  /** Locks the releases and loads them with their steps, keyed by id. */
  Future<Map<Long, ReleaseRun>> lockRuns(SqlClient sql, Collection<Long> releaseIds) {
    Long[] ids = releaseIds.toArray(Long[]::new);
    return sql.preparedQuery(ReleaseSql.LOCK_RELEASES).execute(Tuple.of((Object) ids))
        .compose(rows -> withSteps(sql, releases(rows)));
  }

  Future<Map<Long, ReleaseRun>> loadRuns(SqlClient sql, Collection<Long> releaseIds) {
    Long[] ids = releaseIds.toArray(Long[]::new);
    return sql.preparedQuery(ReleaseSql.RELEASES_BY_IDS).execute(Tuple.of((Object) ids))
        .compose(rows -> withSteps(sql, releases(rows)));
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
    return sql.preparedQuery(ReleaseSql.PAGE).execute(Tuple.of(productId, flowName, status, before, limit))
        .map(ReleaseRepository::releases);
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
    return sql.preparedQuery(ReleaseSql.INSERT_RELEASE).execute(release)
        .compose(v -> sql.preparedQuery(ReleaseSql.INSERT_STEP).executeBatch(steps))
        .mapEmpty();
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
    Future<Void> done = Future.succeededFuture();
    if (!releases.isEmpty()) {
      done = done.compose(v -> sql.preparedQuery(ReleaseSql.UPDATE_RELEASE).executeBatch(releases))
          .compose(rows -> requireAllUpdated(rows, releases.size(), "release"));
    }
    if (!steps.isEmpty()) {
      done = done.compose(v -> sql.preparedQuery(ReleaseSql.UPDATE_STEP).executeBatch(steps))
          .compose(rows -> requireAllUpdated(rows, steps.size(), "release step"));
    }
    return done;
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

  private Future<Map<Long, ReleaseRun>> withSteps(SqlClient sql, List<Release> releases) {
    if (releases.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return stepsOf(sql, releases.stream().map(Release::id).toList()).map(steps -> {
      Map<Long, ReleaseRun> runs = new LinkedHashMap<>();
      releases.forEach(r -> runs.put(r.id, new ReleaseRun(r, steps.getOrDefault(r.id, List.of()))));
      return runs;
    });
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
    return new ReleaseStep(row.getLong("release_id"), row.getLong("environment_id"), row.getString("environment_name"),
        row.getInteger("position"), Arrays.asList(row.getArrayOfLongs("depends_on")), row.getString("action"),
        row.getLong("application_id"), row.getInteger("revision"), StepStatus.valueOf(row.getString("status")),
        row.getString("message"), row.getString("commit_sha"), row.getString("version"), row.getInteger("attempt"),
        instant(row, "started_at"), instant(row, "finished_at"), row.getString("lease_owner"),
        instant(row, "lease_until"));
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime odt(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
