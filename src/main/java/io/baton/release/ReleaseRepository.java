package io.baton.release;

import static io.baton.db.Columns.column;

import io.baton.db.Columns;
import io.baton.environment.Environment;
import io.baton.environment.EnvironmentKind;
import io.baton.flow.StepAction;
import io.baton.gate.GateCheck;
import io.baton.gate.GateSpec;
import io.baton.gate.GateSpecJson;
import io.baton.gate.StepFacts;
import io.baton.line.HoldSubject;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes releases, steps and events. Callers pass the connection: a transaction's, or the
 * pool.
 */
final class ReleaseRepository {

  /**
   * Another writer changed a row between our read and our write: the transaction is rolled back and
   * redone.
   */
  static final class ConcurrentUpdate extends RuntimeException {
    ConcurrentUpdate(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * {@code n} new release ids, ascending: a batch's releases are numbered in the order they came.
   */
  /** The columns of {@link ReleaseSql#INSERT_RELEASES}, in its order. */
  private static final Columns<Release> NEW_RELEASES =
      Columns.of(
          column(Long.class, r -> r.id),
          column(Long.class, r -> r.productId),
          column(Long.class, r -> r.flowId),
          column(String.class, r -> r.flowName),
          column(Long.class, r -> r.sourceApplicationId),
          column(Long.class, r -> r.triggerEnvironmentId),
          column(String.class, r -> r.sourceCommit),
          column(String.class, r -> r.version),
          column(String.class, r -> r.status.name()),
          column(String.class, r -> r.message),
          column(String.class, r -> r.triggeredBy),
          column(Long.class, r -> r.timeout.toMillis()),
          column(OffsetDateTime.class, r -> odt(r.createdAt)),
          column(OffsetDateTime.class, r -> odt(r.startedAt)),
          column(OffsetDateTime.class, r -> odt(r.finishedAt)),
          column(OffsetDateTime.class, r -> odt(r.deadlineAt)),
          column(String.class, r -> r.triggerCommit));

  /**
   * The columns of {@link ReleaseSql#INSERT_STEPS}, in its order. {@code depends_on} goes as text
   * ("{1,2}"): an array of arrays would be unnested into single values.
   */
  private static final Columns<ReleaseStep> NEW_STEPS =
      Columns.of(
          column(Long.class, s -> s.releaseId),
          column(Long.class, s -> s.environmentId),
          column(Integer.class, s -> s.position),
          column(
              String.class,
              s ->
                  "{" + String.join(",", s.dependsOn.stream().map(String::valueOf).toList()) + "}"),
          column(String.class, s -> s.action.name()),
          column(Long.class, s -> s.applicationId),
          column(String.class, s -> s.status.name()),
          column(String.class, s -> s.message),
          column(String.class, s -> s.commitSha),
          column(String.class, s -> s.version),
          column(Integer.class, s -> s.attempt),
          column(OffsetDateTime.class, s -> odt(s.startedAt)),
          column(OffsetDateTime.class, s -> odt(s.finishedAt)),
          column(String.class, s -> s.leaseOwner),
          column(OffsetDateTime.class, s -> odt(s.leaseUntil)));

  /**
   * The columns of {@link ReleaseSql#UPDATE_RELEASES}, in its order: what changes, and the revision
   * read.
   */
  private static final Columns<Release> RELEASE_CHANGES =
      Columns.of(
          column(Long.class, r -> r.id),
          column(String.class, r -> r.status.name()),
          column(String.class, r -> r.message),
          column(OffsetDateTime.class, r -> odt(r.startedAt)),
          column(OffsetDateTime.class, r -> odt(r.finishedAt)),
          column(OffsetDateTime.class, r -> odt(r.deadlineAt)),
          column(Integer.class, r -> r.revision));

  /**
   * The columns of {@link ReleaseSql#UPDATE_STEPS}, in its order: what changes, and the revision
   * read.
   */
  private static final Columns<ReleaseStep> STEP_CHANGES =
      Columns.of(
          column(Long.class, s -> s.releaseId),
          column(Long.class, s -> s.environmentId),
          column(String.class, s -> s.status.name()),
          column(String.class, s -> s.message),
          column(String.class, s -> s.commitSha),
          column(String.class, s -> s.version),
          column(Integer.class, s -> s.attempt),
          column(OffsetDateTime.class, s -> odt(s.startedAt)),
          column(OffsetDateTime.class, s -> odt(s.finishedAt)),
          column(String.class, s -> s.leaseOwner),
          column(OffsetDateTime.class, s -> odt(s.leaseUntil)),
          column(Integer.class, s -> s.revision),
          column(Boolean.class, s -> s.held),
          column(OffsetDateTime.class, s -> odt(s.holdCheckAt)),
          column(Long.class, s -> s.holdVersion),
          column(String.class, s -> s.freezeOverride));

  /** The columns of {@link ReleaseSql#INSERT_GATES}, in its order. */
  private static final Columns<ReleaseGate> NEW_GATES =
      Columns.of(
          column(Long.class, g -> g.releaseId),
          column(Long.class, g -> g.environmentId),
          column(Integer.class, g -> g.position),
          column(String.class, g -> GateSpecJson.write(g.spec).encode()),
          column(String.class, g -> g.spec.when().name()));

  /** The columns of {@link ReleaseSql#UPDATE_GATES}, in its order. */
  private static final Columns<ReleaseGate> GATE_CHANGES =
      Columns.of(
          column(Long.class, g -> g.releaseId),
          column(Long.class, g -> g.environmentId),
          column(Integer.class, g -> g.position),
          column(String.class, g -> g.status.name()),
          column(String.class, g -> g.message),
          column(Integer.class, g -> g.attempt),
          column(OffsetDateTime.class, g -> odt(g.startedAt)),
          column(OffsetDateTime.class, g -> odt(g.passedAt)),
          column(String.class, g -> g.state.encode()),
          column(OffsetDateTime.class, g -> odt(g.nextCheckAt)));

  /** The columns of {@link ReleaseSql#INSERT_EVENTS} after the time they share, in its order. */
  private static final Columns<Transition> EVENTS =
      Columns.of(
          column(Long.class, Transition::releaseId), column(Long.class, Transition::productId),
          column(Long.class, Transition::environmentId),
              column(String.class, t -> t.status().name()),
          column(String.class, t -> nameOf(t.previousStatus())),
              column(String.class, Transition::message));

  Future<List<Long>> nextIds(SqlClient sql, int n) {
    return sql.preparedQuery(ReleaseSql.NEXT_IDS)
        .execute(Tuple.of(n))
        .map(
            rows -> {
              List<Long> ids = new ArrayList<>(n);
              rows.forEach(row -> ids.add(row.getLong("id")));
              ids.sort(null);
              return ids;
            });
  }

  Future<Void> lockProducts(SqlClient sql, Collection<Long> productIds) {
    return sql.preparedQuery(ReleaseSql.LOCK_PRODUCTS)
        .execute(Tuple.of(productIds.toArray(Long[]::new)))
        .mapEmpty();
  }

  /**
   * Locks the releases and loads them with their steps, keyed by id. The steps are asked for in the
   * same breath (pipelined on the connection, so they are read after the lock is taken): one round
   * trip, not two.
   */
  Future<Map<Long, ReleaseRun>> lockRuns(SqlClient sql, Collection<Long> releaseIds) {
    return runs(sql, ReleaseSql.LOCK_RELEASES, releaseIds);
  }

  Future<Map<Long, ReleaseRun>> loadRuns(SqlClient sql, Collection<Long> releaseIds) {
    return runs(sql, ReleaseSql.RELEASES_BY_IDS, releaseIds);
  }

  private Future<Map<Long, ReleaseRun>> runs(
      SqlClient sql, String releasesSql, Collection<Long> releaseIds) {
    if (releaseIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Future<RowSet<Row>> releases =
        sql.preparedQuery(releasesSql).execute(Tuple.of((Object) releaseIds.toArray(Long[]::new)));
    Future<Map<Long, List<ReleaseStep>>> steps = stepsOf(sql, releaseIds);
    Future<List<ReleaseGate>> gates = gatesOf(sql, releaseIds);
    return Future.all(releases, steps, gates)
        .map(
            v -> {
              attach(steps.result(), gates.result());
              Map<Long, ReleaseRun> runs = new LinkedHashMap<>();
              releases(releases.result())
                  .forEach(
                      r ->
                          runs.put(
                              r.id,
                              new ReleaseRun(r, steps.result().getOrDefault(r.id, List.of()))));
              return runs;
            });
  }

  /** The gates of these releases' steps, in order. */
  Future<List<ReleaseGate>> gatesOf(SqlClient sql, Collection<Long> releaseIds) {
    return sql.preparedQuery(ReleaseSql.GATES_OF)
        .execute(Tuple.of((Object) releaseIds.toArray(Long[]::new)))
        .map(
            rows -> {
              List<ReleaseGate> gates = new ArrayList<>(rows.size());
              rows.forEach(row -> gates.add(gate(row)));
              return gates;
            });
  }

  private static ReleaseGate gate(Row row) {
    ReleaseGate gate =
        new ReleaseGate(
            row.getLong("release_id"),
            row.getLong("environment_id"),
            row.getInteger("position"),
            GateSpecJson.read(json(row.getValue("spec"))),
            GateStatus.valueOf(row.getString("status")),
            row.getString("message"),
            row.getInteger("attempt"),
            instant(row, "started_at"),
            instant(row, "passed_at"),
            json(row.getValue("state")),
            instant(row, "next_check_at"));
    gate.revision = row.getInteger("revision");
    return gate;
  }

  static JsonObject json(Object value) {
    if (value == null) {
      return new JsonObject();
    }
    return value instanceof JsonObject object ? object : new JsonObject(value.toString());
  }

  static void attach(Map<Long, List<ReleaseStep>> steps, List<ReleaseGate> gates) {
    Map<String, ReleaseStep> byKey = new HashMap<>();
    steps
        .values()
        .forEach(list -> list.forEach(st -> byKey.put(st.releaseId + "/" + st.environmentId, st)));
    for (ReleaseGate gate : gates) {
      ReleaseStep step = byKey.get(gate.releaseId + "/" + gate.environmentId);
      if (step != null) {
        step.gates.add(gate);
      }
    }
  }

  /** A gate claimed for a check, with the facts of its step. */
  record DueGate(
      long releaseId,
      long productId,
      long environmentId,
      int position,
      int attempt,
      int revision,
      GateSpec spec,
      Instant startedAt,
      JsonObject state,
      StepFacts facts) {}

  Future<List<DueGate>> claimGates(SqlClient sql, Instant now, int limit, Instant until) {
    return sql.preparedQuery(ReleaseSql.CLAIM_GATES)
        .execute(Tuple.of(odt(now), limit, odt(until)))
        .map(
            rows -> {
              List<DueGate> due = new ArrayList<>(rows.size());
              rows.forEach(
                  row ->
                      due.add(
                          new DueGate(
                              row.getLong("release_id"),
                              row.getLong("product_id"),
                              row.getLong("environment_id"),
                              row.getInteger("position"),
                              row.getInteger("attempt"),
                              row.getInteger("revision"),
                              GateSpecJson.read(json(row.getValue("spec"))),
                              instant(row, "started_at"),
                              json(row.getValue("state")),
                              new StepFacts(
                                  row.getLong("release_id"),
                                  row.getString("product_name"),
                                  row.getString("environment_name"),
                                  row.getString("version"),
                                  Optional.ofNullable(row.getString("commit_sha")),
                                  row.getString("triggered_by"),
                                  Optional.ofNullable(row.getString("argocd_server")),
                                  Objects.requireNonNullElse(
                                      row.getString("argocd_application"), "")))));
              return due;
            });
  }

  Future<List<GateCheck.Approval>> approvals(
      SqlClient sql, long releaseId, long environmentId, int attempt) {
    return sql.preparedQuery(ReleaseSql.APPROVALS_OF)
        .execute(Tuple.of(releaseId, environmentId, attempt))
        .map(
            rows -> {
              List<GateCheck.Approval> answers = new ArrayList<>(rows.size());
              rows.forEach(row -> answers.add(approval(row)));
              return answers;
            });
  }

  private static GateCheck.Approval approval(Row row) {
    return new GateCheck.Approval(
        row.getString("by"),
        row.getString("role"),
        row.getBoolean("approved"),
        row.getString("comment"),
        instant(row, "at"));
  }

  /** The gates of many steps, each step's in order; a step without gates is left out. */
  Future<Map<ReleaseStep.Key, List<ReleaseGate>>> gatesOfSteps(
      SqlClient sql, Collection<ReleaseStep.Key> steps) {
    if (steps.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Map<String, ReleaseStep.Key> byStep = new HashMap<>();
    steps.forEach(k -> byStep.put(k.releaseId() + "/" + k.environmentId(), k));
    List<ReleaseStep.Key> distinct = List.copyOf(byStep.values());
    return sql.preparedQuery(ReleaseSql.GATES_OF_STEPS)
        .execute(
            Tuple.tuple()
                .addValue(distinct.stream().map(ReleaseStep.Key::releaseId).toArray(Long[]::new))
                .addValue(
                    distinct.stream().map(ReleaseStep.Key::environmentId).toArray(Long[]::new)))
        .map(
            rows -> {
              Map<String, List<ReleaseGate>> gates = new HashMap<>();
              rows.forEach(
                  row -> {
                    ReleaseGate gate = gate(row);
                    gates
                        .computeIfAbsent(
                            gate.releaseId + "/" + gate.environmentId, k -> new ArrayList<>())
                        .add(gate);
                  });
              Map<ReleaseStep.Key, List<ReleaseGate>> byKey = new HashMap<>();
              steps.forEach(
                  k -> {
                    List<ReleaseGate> of = gates.get(k.releaseId() + "/" + k.environmentId());
                    if (of != null) {
                      byKey.put(k, of);
                    }
                  });
              return byKey;
            });
  }

  /** The answers given to many steps' attempts, each's oldest first; none: left out. */
  Future<Map<ReleaseStep.Key, List<GateCheck.Approval>>> approvalsOfSteps(
      SqlClient sql, Collection<ReleaseStep.Key> steps) {
    if (steps.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return sql.preparedQuery(ReleaseSql.APPROVALS_OF_STEPS)
        .execute(
            Tuple.tuple()
                .addValue(steps.stream().map(ReleaseStep.Key::releaseId).toArray(Long[]::new))
                .addValue(steps.stream().map(ReleaseStep.Key::environmentId).toArray(Long[]::new))
                .addValue(steps.stream().map(ReleaseStep.Key::attempt).toArray(Integer[]::new)))
        .map(
            rows -> {
              Map<ReleaseStep.Key, List<GateCheck.Approval>> byKey = new HashMap<>();
              rows.forEach(
                  row ->
                      byKey
                          .computeIfAbsent(
                              new ReleaseStep.Key(
                                  row.getLong("release_id"),
                                  row.getLong("environment_id"),
                                  row.getInteger("attempt")),
                              k -> new ArrayList<>())
                          .add(approval(row)));
              return byKey;
            });
  }

  Future<Void> insertApproval(
      SqlClient sql, long releaseId, long environmentId, int attempt, GateCheck.Approval answer) {
    return sql.preparedQuery(ReleaseSql.INSERT_APPROVAL)
        .execute(
            Tuple.of(
                releaseId,
                environmentId,
                attempt,
                answer.by(),
                answer.role(),
                answer.approved(),
                answer.comment(),
                odt(answer.at())))
        .mapEmpty();
  }

  Future<Void> gatesDueNow(
      SqlClient sql, long releaseId, long environmentId, int attempt, Instant now) {
    return sql.preparedQuery(ReleaseSql.GATES_DUE_NOW)
        .execute(Tuple.of(releaseId, environmentId, attempt, odt(now)))
        .mapEmpty();
  }

  Future<Release> find(SqlClient sql, long id) {
    return sql.preparedQuery(ReleaseSql.RELEASE_BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : release(rows.iterator().next()));
  }

  Future<Map<Long, List<ReleaseStep>>> stepsOf(SqlClient sql, Collection<Long> releaseIds) {
    return sql.preparedQuery(ReleaseSql.STEPS_OF)
        .execute(Tuple.of((Object) releaseIds.toArray(Long[]::new)))
        .map(
            rows -> {
              Map<Long, List<ReleaseStep>> byRelease = new HashMap<>();
              StepColumns columns = new StepColumns(rows.columnsNames(), "");
              rows.forEach(
                  row ->
                      byRelease
                          .computeIfAbsent(row.getLong(columns.releaseId), k -> new ArrayList<>())
                          .add(step(row, columns)));
              return byRelease;
            });
  }

  Future<List<Release>> page(
      SqlClient sql,
      Long productId,
      String flowName,
      ReleaseStatus status,
      Long before,
      int limit) {
    return sql.preparedQuery(
            ReleaseSql.page(productId != null, flowName != null, status != null, before != null))
        .execute(pageArgs(productId, flowName, status, before, limit))
        .map(ReleaseRepository::releases);
  }

  /**
   * The newest releases of each product, at most {@code limit} each, below {@code before} if given:
   * one statement for all the products. Products without releases are left out.
   */
  Future<Map<Long, List<Release>>> pageOfProducts(
      SqlClient sql, Collection<Long> productIds, Long before, int limit) {
    Tuple args = Tuple.of(productIds.toArray(Long[]::new), limit);
    if (before != null) {
      args.addLong(before);
    }
    return sql.preparedQuery(ReleaseSql.pageOfProducts(before != null))
        .execute(args)
        .map(
            rows -> {
              Map<Long, List<Release>> byProduct = new HashMap<>();
              releases(rows)
                  .forEach(
                      r -> byProduct.computeIfAbsent(r.productId, k -> new ArrayList<>()).add(r));
              return byProduct;
            });
  }

  /** The same page, each release with its steps, read in one statement. */
  Future<List<Release>> pageWithSteps(
      SqlClient sql,
      Long productId,
      String flowName,
      ReleaseStatus status,
      Long before,
      int limit) {
    String statement =
        ReleaseSql.pageWithSteps(
            productId != null, flowName != null, status != null, before != null);
    return sql.preparedQuery(statement)
        .execute(pageArgs(productId, flowName, status, before, limit))
        .map(ReleaseRepository::releasesWithSteps);
  }

  /** A release with its steps, read in one statement (one snapshot); null: no such release. */
  Future<Release> findWithSteps(SqlClient sql, long id) {
    return sql.preparedQuery(ReleaseSql.RELEASE_WITH_STEPS_BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> releasesWithSteps(rows).stream().findFirst().orElse(null));
  }

  /** Releases read with their steps (a row per step, s_ prefixed), in the rows' order. */
  private static List<Release> releasesWithSteps(RowSet<Row> rows) {
    Map<Long, Release> releases = new LinkedHashMap<>();
    Map<Long, List<ReleaseStep>> steps = new HashMap<>();
    ReleaseColumns releaseColumns = new ReleaseColumns(rows.columnsNames());
    StepColumns stepColumns = new StepColumns(rows.columnsNames(), "s_");
    for (Row row : rows) {
      long id = row.getLong(releaseColumns.id);
      releases.computeIfAbsent(id, k -> release(row, releaseColumns));
      if (row.getLong(stepColumns.releaseId) != null) {
        steps.computeIfAbsent(id, k -> new ArrayList<>()).add(step(row, stepColumns));
      }
    }
    List<Release> page = new ArrayList<>(releases.size());
    releases
        .values()
        .forEach(
            r -> {
              List<ReleaseStep> of = steps.getOrDefault(r.id, new ArrayList<>());
              of.sort(Comparator.comparingInt(ReleaseStep::position));
              page.add(r.withSteps(of));
            });
    return page;
  }

  /** The values of the filters given, in {@link ReleaseSql#page}'s order, then the limit. */
  private static Tuple pageArgs(
      Long productId, String flowName, ReleaseStatus status, Long before, int limit) {
    Tuple args = Tuple.tuple();
    if (productId != null) {
      args.addLong(productId);
    }
    if (flowName != null) {
      args.addString(flowName);
    }
    if (status != null) {
      args.addString(status.name());
    }
    if (before != null) {
      args.addLong(before);
    }
    return args.addInteger(limit);
  }

  /**
   * The products' releases that are QUEUED, RUNNING or SUSPENDED, by product, each product's oldest
   * first.
   */
  Future<Map<Long, Map<Long, ReleaseStatus>>> activeOf(SqlClient sql, Collection<Long> productIds) {
    return sql.preparedQuery(ReleaseSql.ACTIVE_OF_PRODUCTS)
        .execute(Tuple.of((Object) productIds.toArray(Long[]::new)))
        .map(
            rows -> {
              Map<Long, Map<Long, ReleaseStatus>> active = new HashMap<>();
              rows.forEach(
                  row ->
                      active
                          .computeIfAbsent(row.getLong("product_id"), k -> new LinkedHashMap<>())
                          .put(row.getLong("id"), ReleaseStatus.valueOf(row.getString("status"))));
              return active;
            });
  }

  /** New releases and their steps: two statements however many releases. */
  Future<Void> insert(SqlClient sql, List<ReleaseRun> runs) {
    Tuple releases = NEW_RELEASES.of(runs.stream().map(ReleaseRun::release).toList());
    List<ReleaseStep> allSteps = new ArrayList<>();
    runs.forEach(run -> allSteps.addAll(run.steps()));
    Tuple steps = NEW_STEPS.of(allSteps);
    runs.forEach(run -> run.release().dirty = false);
    allSteps.forEach(s -> s.dirty = false);
    List<ReleaseGate> gates = new ArrayList<>();
    allSteps.forEach(s -> gates.addAll(s.gates));
    // Pipelined: the steps' insert runs right after the releases', without waiting for its answer.
    List<Future<?>> writes = new ArrayList<>();
    writes.add(sql.preparedQuery(ReleaseSql.INSERT_RELEASES).execute(releases));
    writes.add(sql.preparedQuery(ReleaseSql.INSERT_STEPS).execute(steps));
    if (!gates.isEmpty()) {
      // Inserted as PENDING, then written like any other change: a gate started at creation is
      // saved with the others.
      writes.add(sql.preparedQuery(ReleaseSql.INSERT_GATES).execute(NEW_GATES.of(gates)));
      List<ReleaseGate> started = gates.stream().filter(g -> g.dirty).toList();
      if (!started.isEmpty()) {
        writes.add(sql.preparedQuery(ReleaseSql.UPDATE_GATES).execute(GATE_CHANGES.of(started)));
      }
      gates.forEach(g -> g.dirty = false);
    }
    return Future.all(writes).mapEmpty();
  }

  /**
   * Writes what changed, compared against the revisions read; fails with ConcurrentUpdate if
   * another writer won. One statement for the releases and one for the steps, however many changed.
   */
  Future<Void> save(SqlClient sql, Collection<ReleaseRun> runs) {
    List<Release> releases = new ArrayList<>();
    List<ReleaseStep> steps = new ArrayList<>();
    for (ReleaseRun run : runs) {
      if (run.release().dirty) {
        releases.add(run.release());
      }
      run.steps().stream().filter(s -> s.dirty).forEach(steps::add);
    }
    List<ReleaseGate> gates = new ArrayList<>();
    runs.forEach(
        run ->
            run.steps().forEach(st -> st.gates.stream().filter(g -> g.dirty).forEach(gates::add)));
    // Both go out at once (pipelined); each is checked when its answer comes.
    List<Future<Void>> done = new ArrayList<>();
    if (!releases.isEmpty()) {
      done.add(
          sql.preparedQuery(ReleaseSql.UPDATE_RELEASES)
              .execute(RELEASE_CHANGES.of(releases))
              .compose(rows -> requireAllUpdated(rows, releases.size(), "release")));
    }
    if (!steps.isEmpty()) {
      done.add(
          sql.preparedQuery(ReleaseSql.UPDATE_STEPS)
              .execute(STEP_CHANGES.of(steps))
              .compose(rows -> requireAllUpdated(rows, steps.size(), "release step")));
    }
    if (!gates.isEmpty()) {
      done.add(
          sql.preparedQuery(ReleaseSql.UPDATE_GATES).execute(GATE_CHANGES.of(gates)).mapEmpty());
      gates.forEach(g -> g.dirty = false);
    }
    return Future.all(done).mapEmpty();
  }

  Future<Void> insertEvents(SqlClient sql, List<Transition> transitions, Instant at) {
    if (transitions.isEmpty()) {
      return Future.succeededFuture();
    }
    return sql.preparedQuery(ReleaseSql.INSERT_EVENTS)
        .execute(EVENTS.of(transitions, odt(at)))
        .mapEmpty();
  }

  /**
   * Claims up to {@code room} steps nobody runs (new ones, and those whose holder's lease ran out)
   * and terminated steps left to settle, leased to {@code owner} until {@code until}.
   */
  Future<List<Work>> claim(SqlClient sql, Instant now, String owner, int room, Instant until) {
    return sql.preparedQuery(ReleaseSql.CLAIM)
        .execute(Tuple.of(odt(now), owner, room, odt(until)))
        .map(
            rows -> {
              List<Work> claimed = new ArrayList<>(rows.size());
              rows.forEach(
                  row ->
                      claimed.add(
                          new Work(
                              row.getLong("release_id"),
                              row.getLong("environment_id"),
                              row.getInteger("attempt"),
                              StepAction.valueOf(row.getString("action")),
                              row.getLong("product_id"),
                              row.getString("release_version"),
                              StepStatus.valueOf(row.getString("status"))
                                  == StepStatus.TERMINATED)));
              return claimed;
            });
  }

  /**
   * What the actions of many claimed steps need, by {@link ClaimedStep#key()}: one statement for
   * the whole batch. Steps that no longer exist are left out.
   */
  Future<Map<String, ClaimedStep>> claimedSteps(SqlClient sql, List<Work> work) {
    Long[] releaseIds = work.stream().map(Work::releaseId).toArray(Long[]::new);
    Long[] environmentIds = work.stream().map(Work::environmentId).toArray(Long[]::new);
    return sql.preparedQuery(ReleaseSql.WORK_OF)
        .execute(Tuple.tuple().addValue(releaseIds).addValue(environmentIds))
        .map(
            rows -> {
              Map<String, ClaimedStep> byStep = new HashMap<>();
              rows.forEach(
                  row -> {
                    ClaimedStep step = claimedStep(row);
                    byStep.put(step.key(), step);
                  });
              return byStep;
            });
  }

  private static ClaimedStep claimedStep(Row row) {
    Object template = row.getValue("promotion_template");
    return new ClaimedStep(
        row.getLong("release_id"),
        row.getLong("environment_id"),
        row.getInteger("attempt"),
        StepStatus.valueOf(row.getString("status")),
        row.getLong("application_id"),
        row.getString("environment_name"),
        row.getString("product_name"),
        template instanceof JsonObject json ? json : null,
        row.getLong("source_application_id"),
        row.getString("source_commit"),
        row.getString("source_environment_name"));
  }

  /** A step as line control sees it, with what a write about it needs. */
  record HeldStep(
      long releaseId, long environmentId, int attempt, long productId, HoldSubject subject) {}

  /** The hold subjects of claimed steps, by {@link ClaimedStep#key()}. */
  Future<Map<String, HeldStep>> holdSubjects(SqlClient sql, List<Work> work) {
    Long[] releaseIds = work.stream().map(Work::releaseId).toArray(Long[]::new);
    Long[] environmentIds = work.stream().map(Work::environmentId).toArray(Long[]::new);
    return sql.preparedQuery(ReleaseSql.HOLD_SUBJECTS_OF)
        .execute(Tuple.tuple().addValue(releaseIds).addValue(environmentIds))
        .map(
            rows -> {
              Map<String, HeldStep> byStep = new HashMap<>();
              rows.forEach(
                  row -> {
                    HeldStep step = heldStep(row);
                    byStep.put(step.releaseId() + "/" + step.environmentId(), step);
                  });
              return byStep;
            });
  }

  /** Held steps due to be judged again (see {@link ReleaseSql#HELD_DUE}). */
  Future<List<HeldStep>> heldDue(SqlClient sql, Instant now, long lineVersion, int limit) {
    return sql.preparedQuery(ReleaseSql.HELD_DUE)
        .execute(Tuple.of(odt(now), lineVersion, limit))
        .map(
            rows -> {
              List<HeldStep> due = new ArrayList<>();
              rows.forEach(row -> due.add(heldStep(row)));
              return due;
            });
  }

  private static HeldStep heldStep(Row row) {
    return new HeldStep(
        row.getLong("release_id"),
        row.getLong("environment_id"),
        row.getInteger("attempt"),
        row.getLong("product_id"),
        new HoldSubject(
            row.getLong("release_id"),
            row.getLong("environment_id"),
            row.getString("environment_name"),
            row.getLong("application_id"),
            row.getString("application_name"),
            row.getString("freeze_override")));
  }

  /** Whether {@code work} is still its step's running attempt, as the database says now. */
  Future<Boolean> isCurrent(SqlClient sql, Work work) {
    return sql.preparedQuery(ReleaseSql.IS_CURRENT)
        .execute(Tuple.of(work.releaseId(), work.environmentId(), work.attempt()))
        .map(rows -> rows.size() > 0);
  }

  /**
   * Extends {@code owner}'s lease of {@code work}'s step to {@code until}, if it still holds it.
   */
  Future<Void> renewLease(SqlClient sql, Work work, String owner, Instant until) {
    return sql.preparedQuery(ReleaseSql.RENEW_LEASE)
        .execute(
            Tuple.of(work.releaseId(), work.environmentId(), work.attempt(), owner, odt(until)))
        .mapEmpty();
  }

  /** Releases still active at {@code now} whose deadline has passed, the most overdue first. */
  Future<List<Long>> pastDeadline(SqlClient sql, Instant now) {
    return sql.preparedQuery(ReleaseSql.PAST_DEADLINE)
        .execute(Tuple.of(odt(now)))
        .map(
            rows -> {
              List<Long> ids = new ArrayList<>(rows.size());
              rows.forEach(row -> ids.add(row.getLong("id")));
              return ids;
            });
  }

  private static Future<Void> requireAllUpdated(RowSet<Row> rows, int expected, String what) {
    int updated = 0;
    for (RowSet<Row> r = rows; r != null; r = r.next()) {
      updated += r.rowCount();
    }
    if (updated != expected) {
      return Future.failedFuture(
          new ConcurrentUpdate(
              what + ": " + (expected - updated) + " of " + expected + " rows changed under us"));
    }
    return Future.succeededFuture();
  }

  static List<Release> releases(RowSet<Row> rows) {
    List<Release> list = new ArrayList<>(rows.size());
    ReleaseColumns columns = new ReleaseColumns(rows.columnsNames());
    rows.forEach(row -> list.add(release(row, columns)));
    return list;
  }

  static Release release(Row row) {
    return release(row, new ReleaseColumns(columnNames(row)));
  }

  static Release release(Row row, ReleaseColumns c) {
    return new Release(
        row.getLong(c.id),
        row.getLong(c.productId),
        row.getLong(c.flowId),
        row.getString(c.flowName),
        row.getLong(c.sourceApplicationId),
        row.getLong(c.triggerEnvironmentId),
        row.getString(c.sourceCommit),
        row.getString(c.version),
        row.getString(c.triggeredBy),
        Duration.ofMillis(row.getLong(c.timeoutMs)),
        instant(row, c.createdAt),
        row.getInteger(c.revision),
        ReleaseStatus.valueOf(row.getString(c.status)),
        row.getString(c.message),
        instant(row, c.startedAt),
        instant(row, c.finishedAt),
        instant(row, c.deadlineAt));
  }

  static ReleaseStep step(Row row, StepColumns c) {
    ReleaseStep step =
        new ReleaseStep(
            row.getLong(c.releaseId),
            row.getLong(c.environmentId),
            row.getString(c.environmentName),
            row.getInteger(c.position),
            Arrays.asList(row.getArrayOfLongs(c.dependsOn)),
            StepAction.valueOf(row.getString(c.action)),
            row.getLong(c.applicationId),
            row.getInteger(c.revision),
            StepStatus.valueOf(row.getString(c.status)),
            row.getString(c.message),
            row.getString(c.commitSha),
            row.getString(c.version),
            row.getInteger(c.attempt),
            instant(row, c.startedAt),
            instant(row, c.finishedAt),
            row.getString(c.leaseOwner),
            instant(row, c.leaseUntil));
    step.held = Boolean.TRUE.equals(row.getBoolean(c.held));
    step.holdCheckAt = instant(row, c.holdCheckAt);
    step.holdVersion = row.getLong(c.holdVersion);
    step.freezeOverride = row.getString(c.freezeOverride);
    step.environment =
        new Environment(
            step.environmentId,
            step.environmentName,
            EnvironmentKind.valueOf(row.getString(c.environmentKind)),
            row.getInteger(c.environmentPosition));
    return step;
  }

  private static List<String> columnNames(Row row) {
    List<String> names = new ArrayList<>(row.size());
    for (int i = 0; i < row.size(); i++) {
      names.add(row.getColumnName(i));
    }
    return names;
  }

  /**
   * Where a result's release columns are. Found by name once per result, then read by position:
   * looking a column up by name costs a search through the names, for every value of every row.
   */
  static final class ReleaseColumns {
    final int id;
    final int productId;
    final int flowId;
    final int flowName;
    final int sourceApplicationId;
    final int triggerEnvironmentId;
    final int sourceCommit;
    final int version;
    final int status;
    final int message;
    final int triggeredBy;
    final int timeoutMs;
    final int createdAt;
    final int startedAt;
    final int finishedAt;
    final int deadlineAt;
    final int revision;

    ReleaseColumns(List<String> names) {
      id = at(names, "id");
      productId = at(names, "product_id");
      flowId = at(names, "flow_id");
      flowName = at(names, "flow_name");
      sourceApplicationId = at(names, "source_application_id");
      triggerEnvironmentId = at(names, "trigger_environment_id");
      sourceCommit = at(names, "source_commit");
      version = at(names, "version");
      status = at(names, "status");
      message = at(names, "message");
      triggeredBy = at(names, "triggered_by");
      timeoutMs = at(names, "timeout_ms");
      createdAt = at(names, "created_at");
      startedAt = at(names, "started_at");
      finishedAt = at(names, "finished_at");
      deadlineAt = at(names, "deadline_at");
      revision = at(names, "revision");
    }
  }

  /**
   * Where a result's step columns are (named as in {@link ReleaseSql#STEP_COLUMNS}, each after
   * {@code prefix}).
   */
  static final class StepColumns {
    final int releaseId;
    final int environmentId;
    final int environmentName;
    final int environmentKind;
    final int environmentPosition;
    final int position;
    final int dependsOn;
    final int action;
    final int applicationId;
    final int status;
    final int message;
    final int commitSha;
    final int version;
    final int attempt;
    final int startedAt;
    final int finishedAt;
    final int leaseOwner;
    final int leaseUntil;
    final int revision;
    final int held;
    final int holdCheckAt;
    final int holdVersion;
    final int freezeOverride;

    StepColumns(List<String> names, String prefix) {
      releaseId = at(names, prefix + "release_id");
      environmentId = at(names, prefix + "environment_id");
      environmentName = at(names, prefix + "environment_name");
      environmentKind = at(names, prefix + "environment_kind");
      environmentPosition = at(names, prefix + "environment_position");
      position = at(names, prefix + "position");
      dependsOn = at(names, prefix + "depends_on");
      action = at(names, prefix + "action");
      applicationId = at(names, prefix + "application_id");
      status = at(names, prefix + "status");
      message = at(names, prefix + "message");
      commitSha = at(names, prefix + "commit_sha");
      version = at(names, prefix + "version");
      attempt = at(names, prefix + "attempt");
      startedAt = at(names, prefix + "started_at");
      finishedAt = at(names, prefix + "finished_at");
      leaseOwner = at(names, prefix + "lease_owner");
      leaseUntil = at(names, prefix + "lease_until");
      revision = at(names, prefix + "revision");
      held = at(names, prefix + "held");
      holdCheckAt = at(names, prefix + "hold_check_at");
      holdVersion = at(names, prefix + "hold_version");
      freezeOverride = at(names, prefix + "freeze_override");
    }
  }

  private static int at(List<String> names, String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalStateException("column " + name + " is not in the result");
    }
    return index;
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  static Instant instant(Row row, int column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  private static String nameOf(Status status) {
    return status == null ? null : status.name();
  }

  static OffsetDateTime odt(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
