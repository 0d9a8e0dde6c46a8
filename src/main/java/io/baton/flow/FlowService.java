package io.baton.flow;

import io.baton.audit.Audit;
import io.baton.db.PgErrors;
import io.baton.environment.Environment;
import io.baton.error.BatonException;
import io.baton.gate.GateSpecJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Promotion flows: a trigger environment and target steps forming a DAG. A flow and its steps are
 * written in one transaction, after {@link FlowValidation} has passed, so an invalid flow leaves
 * nothing behind.
 */
public final class FlowService {
  private static final String NAME_CONSTRAINT = "promotion_flow_name_key";

  private final Pool pool;
  private final Clock clock;

  public FlowService(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** A flow that passed validation, with the environments it names. */
  private record Valid(FlowDefinition flow, Map<String, Environment> environments) {

    long id(String environment) {
      return environments.get(environment).id();
    }
  }

  public Future<List<PromotionFlow>> list() {
    return list(pool);
  }

  /** Every flow, by name, as {@code sql} (a transaction's connection) sees them. */
  public Future<List<PromotionFlow>> list(SqlClient sql) {
    return read(sql, FlowSql.LIST, Tuple.tuple());
  }

  public Future<PromotionFlow> find(String name) {
    return read(pool, FlowSql.BY_NAME, Tuple.of(name)).map(FlowService::firstOrNull);
  }

  /** The flow with its steps and their environments (ids and names): what a release snapshots. */
  public Future<PromotionFlow> get(String name) {
    return find(name).map(flow -> required(flow, name));
  }

  /** The flows of these names that exist, by name: two statements however many names. */
  public Future<Map<String, PromotionFlow>> byNames(Collection<String> names) {
    return read(pool, FlowSql.BY_NAMES, Tuple.of((Object) names.toArray(String[]::new)))
        .map(
            flows ->
                flows.stream().collect(Collectors.toMap(PromotionFlow::name, Function.identity())));
  }

  public Future<Map<Long, PromotionFlow>> byIds(Collection<Long> ids) {
    return read(pool, FlowSql.BY_IDS, Tuple.of(ids.toArray(Long[]::new)))
        .map(
            flows ->
                flows.stream().collect(Collectors.toMap(PromotionFlow::id, Function.identity())));
  }

  public Future<PromotionFlow> create(FlowDefinition draft, Audit audit) {
    return audit
        .withTransaction(
            pool, conn -> validate(conn, draft).compose(valid -> save(conn, FlowSql.INSERT, valid)))
        .recover(failure -> Future.failedFuture(nameTaken(failure, draft.name())));
  }

  /**
   * Applies {@code change} to the flow as stored, under a row lock, and stores the result if it is
   * valid.
   */
  public Future<PromotionFlow> update(
      String name, UnaryOperator<FlowDefinition> change, Audit audit) {
    return audit.withTransaction(
        pool, conn -> lock(conn, name).compose(current -> change(conn, current, change)));
  }

  /**
   * Releases of the flow keep its name and lose the link (ON DELETE SET NULL), so a delete is never
   * refused.
   */
  public Future<PromotionFlow> delete(String name, Audit audit) {
    return audit.withTransaction(
        pool,
        conn ->
            lock(conn, name)
                .compose(
                    flow ->
                        conn.preparedQuery(FlowSql.DELETE).execute(Tuple.of(flow.id())).map(flow)));
  }

  /** Creates the flow the YAML names, or replaces it (keeping its id and createdAt). */
  public Future<PromotionFlow> applyYaml(String yaml, Audit audit) {
    return Future.succeededFuture(yaml).map(FlowYaml::read).compose(parsed -> apply(parsed, audit));
  }

  private Future<PromotionFlow> apply(FlowYaml.Parsed parsed, Audit audit) {
    return audit
        .withTransaction(
            pool,
            conn ->
                validate(conn, parsed.definition())
                    .compose(valid -> save(conn, FlowSql.UPSERT, valid)))
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof InvalidFlow invalid ? parsed.locate(invalid) : failure));
  }

  /**
   * Creates the flow or replaces it (keeping its id and createdAt) in the transaction of {@code
   * conn}, which writes no audit entry. An {@link InvalidFlow} names the field that breaks a rule.
   */
  public Future<PromotionFlow> apply(SqlConnection conn, FlowDefinition draft) {
    return validate(conn, draft).compose(valid -> save(conn, FlowSql.UPSERT, valid));
  }

  /**
   * Deletes the flow in the transaction of {@code conn}, which writes no audit entry; CONFLICT
   * while a product runs it by itself (its automatic flows), as that transaction sees them.
   */
  public Future<PromotionFlow> delete(SqlConnection conn, String name) {
    return lock(conn, name)
        .compose(
            flow ->
                conn.preparedQuery(FlowSql.PRODUCTS_TRIGGERING)
                    .execute(Tuple.of(flow.id()))
                    .compose(products -> deleteUnused(conn, flow, products)));
  }

  private static Future<PromotionFlow> deleteUnused(
      SqlConnection conn, PromotionFlow flow, RowSet<Row> products) {
    if (products.size() > 0) {
      List<String> names = new ArrayList<>();
      products.forEach(row -> names.add("\"" + row.getString("name") + "\""));
      return Future.failedFuture(
          BatonException.conflict(
              "promotion flow \""
                  + flow.name()
                  + "\" is still run by itself by products "
                  + String.join(", ", names)
                  + "; remove it from their promotionFlows first"));
    }
    return conn.preparedQuery(FlowSql.DELETE).execute(Tuple.of(flow.id())).map(flow);
  }

  private Future<PromotionFlow> change(
      SqlConnection conn, PromotionFlow current, UnaryOperator<FlowDefinition> change) {
    return validate(conn, change.apply(current.definition()))
        .compose(valid -> save(conn, FlowSql.UPDATE, valid));
  }

  private Future<Valid> validate(SqlConnection conn, FlowDefinition draft) {
    return conn.preparedQuery(FlowSql.ENVIRONMENTS_BY_NAME)
        .execute(Tuple.of(environmentsNamed(draft).toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, Environment> environments = new HashMap<>();
              rows.forEach(row -> environments.put(row.getString("name"), environment(row, "")));
              return new Valid(FlowValidation.validate(draft, environments.keySet()), environments);
            });
  }

  /** Writes the flow's row by {@code sql} (insert, upsert or update by name), then its steps. */
  private Future<PromotionFlow> save(SqlConnection conn, String sql, Valid valid) {
    FlowDefinition flow = valid.flow();
    Tuple args =
        Tuple.of(
            flow.name(),
            flow.description(),
            flow.version(),
            flow.timeout().toMillis(),
            valid.id(flow.triggerEnvironment()),
            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
            flow.kept().toJson());
    return conn.preparedQuery(sql)
        .execute(args)
        .compose(rows -> replaceSteps(conn, rows.iterator().next().getLong("id"), valid));
  }

  private Future<PromotionFlow> replaceSteps(SqlConnection conn, long flowId, Valid valid) {
    List<Tuple> steps = new ArrayList<>();
    List<FlowStep> flowSteps = valid.flow().steps();
    for (int position = 0; position < flowSteps.size(); position++) {
      FlowStep step = flowSteps.get(position);
      Long[] dependsOn = step.dependsOn().stream().map(valid::id).toArray(Long[]::new);
      steps.add(
          Tuple.of(
              flowId,
              position,
              valid.id(step.environment()),
              dependsOn,
              step.action() == null ? null : step.action().name(),
              GateSpecJson.write(step.gates())));
    }
    return conn.preparedQuery(FlowSql.DELETE_STEPS)
        .execute(Tuple.of(flowId))
        .compose(deleted -> conn.preparedQuery(FlowSql.INSERT_STEP).executeBatch(steps))
        .compose(inserted -> read(conn, FlowSql.BY_IDS, Tuple.of(new Long[] {flowId})))
        .map(FlowService::firstOrNull);
  }

  private static Future<PromotionFlow> lock(SqlConnection conn, String name) {
    return read(conn, FlowSql.BY_NAME_FOR_UPDATE, Tuple.of(name))
        .map(flows -> required(firstOrNull(flows), name));
  }

  private static Future<List<PromotionFlow>> read(SqlClient client, String sql, Tuple args) {
    return client.preparedQuery(sql).execute(args).compose(flows -> withSteps(client, flows));
  }

  private static Future<List<PromotionFlow>> withSteps(SqlClient client, RowSet<Row> flows) {
    if (flows.size() == 0) {
      return Future.succeededFuture(List.of());
    }
    List<Long> ids = new ArrayList<>();
    flows.forEach(row -> ids.add(row.getLong("id")));
    return client
        .preparedQuery(FlowSql.STEPS_OF)
        .execute(Tuple.of(ids.toArray(Long[]::new)))
        .map(steps -> assemble(flows, steps));
  }

  private static List<PromotionFlow> assemble(RowSet<Row> flows, RowSet<Row> steps) {
    Map<Long, List<Row>> stepsByFlow = new HashMap<>();
    steps.forEach(
        row ->
            stepsByFlow.computeIfAbsent(row.getLong("flow_id"), id -> new ArrayList<>()).add(row));
    List<PromotionFlow> result = new ArrayList<>(flows.size());
    flows.forEach(
        row -> result.add(flow(row, stepsByFlow.getOrDefault(row.getLong("id"), List.of()))));
    return result;
  }

  private static PromotionFlow flow(Row row, List<Row> stepRows) {
    Environment trigger = environment(row, "trigger_");
    Map<Long, Environment> inFlow = new HashMap<>();
    inFlow.put(trigger.id(), trigger);
    stepRows.forEach(
        step -> {
          Environment environment = environment(step, "");
          inFlow.put(environment.id(), environment);
        });
    List<PromotionFlow.Step> steps =
        stepRows.stream().map(step -> step(row.getString("name"), step, inFlow)).toList();
    return new PromotionFlow(
        row.getLong("id"),
        row.getString("name"),
        row.getString("description"),
        row.getString("version"),
        Duration.ofMillis(row.getLong("timeout_ms")),
        trigger,
        steps,
        row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("updated_at").toInstant(),
        KeptFields.fromJson((JsonObject) row.getValue("kept")));
  }

  private static PromotionFlow.Step step(String flow, Row row, Map<Long, Environment> inFlow) {
    List<Environment> dependsOn = new ArrayList<>();
    for (Long id : row.getArrayOfLongs("depends_on")) {
      Environment dependency = inFlow.get(id);
      if (dependency == null) {
        throw new IllegalStateException(
            "promotion flow "
                + flow
                + " has a step depending on environment "
                + id
                + ", which is not in the flow");
      }
      dependsOn.add(dependency);
    }
    Object gates = row.getValue("step_gates");
    return new PromotionFlow.Step(
        inFlow.get(row.getLong("id")),
        dependsOn,
        row.getString("action") == null ? null : StepAction.valueOf(row.getString("action")),
        gates instanceof JsonArray array ? GateSpecJson.read(array) : List.of());
  }

  private static Environment environment(Row row, String prefix) {
    return Environment.from(row, prefix);
  }

  private static Set<String> environmentsNamed(FlowDefinition draft) {
    Set<String> names = new LinkedHashSet<>();
    names.add(draft.triggerEnvironment());
    if (draft.steps() != null) {
      draft
          .steps()
          .forEach(
              step -> {
                names.add(step.environment());
                if (step.dependsOn() != null) {
                  names.addAll(step.dependsOn());
                }
              });
    }
    names.remove(null);
    return names;
  }

  private static Throwable nameTaken(Throwable failure, String name) {
    return PgErrors.is(failure, PgErrors.UNIQUE_VIOLATION)
            && NAME_CONSTRAINT.equals(PgErrors.constraint(failure))
        ? BatonException.conflict("promotion flow \"" + name + "\" already exists")
        : failure;
  }

  private static PromotionFlow required(PromotionFlow flow, String name) {
    if (flow == null) {
      throw BatonException.notFound("promotion flow", name);
    }
    return flow;
  }

  private static PromotionFlow firstOrNull(List<PromotionFlow> flows) {
    return flows.isEmpty() ? null : flows.get(0);
  }
}
