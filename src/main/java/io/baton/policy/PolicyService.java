package io.baton.policy;

import io.baton.Names;
import io.baton.audit.Audit;
import io.baton.db.PgErrors;
import io.baton.environment.Environment;
import io.baton.environment.EnvironmentKind;
import io.baton.environment.EnvironmentService;
import io.baton.error.BatonException;
import io.baton.flow.StepAction;
import io.baton.product.ProductService;
import io.baton.release.StepActionPolicy;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Promotion policies: stored, changed by administrators (each change audited), and asked by the
 * engine for the action of a flow step its flow leaves unset ({@link StepActionPolicy}).
 */
public final class PolicyService implements StepActionPolicy {
  private static final String NAME_CONSTRAINT = "promotion_policy_name_key";

  /** Far more than a catalog needs; a value past it is a mistake, and keeps the merge cheap. */
  static final int MAX_SELECTOR_NAMES = 100;

  private final Pool pool;
  private final EnvironmentService environments;
  private final ProductService products;

  public PolicyService(Pool pool, EnvironmentService environments, ProductService products) {
    this.pool = pool;
    this.environments = environments;
    this.products = products;
  }

  /** Every policy, in rank: priority, then name. */
  public Future<List<PromotionPolicy>> list() {
    return list(pool);
  }

  /** Every policy, in rank, as {@code sql} (a transaction's connection) sees them. */
  public Future<List<PromotionPolicy>> list(SqlClient sql) {
    return sql.query(PolicySql.LIST).execute().map(PolicyService::all);
  }

  @Override
  public Future<Rule> current() {
    return list()
        .map(
            policies ->
                (product, target) ->
                    EffectivePolicy.of(policies, product, target.name(), target.kind()).action());
  }

  /**
   * What the policies decide for a step of {@code product} into {@code environment}; NOT_FOUND when
   * either does not exist.
   */
  public Future<EffectivePolicy> effective(String product, String environment) {
    Future<Environment> target =
        products.get(product).compose(found -> environments.get(environment));
    return target
        .compose(env -> list())
        .map(all -> EffectivePolicy.of(all, product, environment, target.result().kind()));
  }

  public Future<PromotionPolicy> create(PromotionPolicy policy, Audit audit) {
    return audit.withTransaction(pool, conn -> create(conn, policy));
  }

  public Future<PromotionPolicy> update(PromotionPolicy policy, Audit audit) {
    return audit.withTransaction(pool, conn -> update(conn, policy));
  }

  public Future<PromotionPolicy> delete(String name, Audit audit) {
    return audit.withTransaction(pool, conn -> delete(conn, name));
  }

  /** Creates the policy in the transaction of {@code conn}, which writes no audit entry. */
  public Future<PromotionPolicy> create(SqlConnection conn, PromotionPolicy policy) {
    return Future.succeededFuture(policy)
        .map(PolicyService::valid)
        .compose(valid -> conn.preparedQuery(PolicySql.INSERT).execute(row(valid)))
        .map(rows -> one(rows, policy.name()))
        .recover(failure -> Future.failedFuture(nameTaken(failure, policy.name())));
  }

  /** Replaces the policy of that name in the transaction of {@code conn}; NOT_FOUND without one. */
  public Future<PromotionPolicy> update(SqlConnection conn, PromotionPolicy policy) {
    return Future.succeededFuture(policy)
        .map(PolicyService::valid)
        .compose(valid -> conn.preparedQuery(PolicySql.UPDATE).execute(row(valid)))
        .map(rows -> one(rows, policy.name()));
  }

  /** Deletes the policy in the transaction of {@code conn}; NOT_FOUND without one. */
  public Future<PromotionPolicy> delete(SqlConnection conn, String name) {
    return conn.preparedQuery(PolicySql.DELETE)
        .execute(Tuple.of(name))
        .map(rows -> one(rows, name));
  }

  /** The policy as it may be stored; BAD_USER_INPUT naming the field of a problem. */
  public static PromotionPolicy valid(PromotionPolicy policy) {
    try {
      Names.require("promotion policy", policy.name());
    } catch (BatonException e) {
      throw BatonException.badInput("name", e.getMessage());
    }
    PromotionPolicy.Selector selector = policy.selector();
    requireNames("selector.products", selector.products());
    requireNames("selector.environments", selector.environments());
    PromotionPolicy.Settings settings = policy.policy();
    return new PromotionPolicy(
        policy.name(),
        policy.priority(),
        selector,
        new PromotionPolicy.Settings(
            settings.action(),
            workflow("policy.preAction", settings.preAction()),
            workflow("policy.postAction", settings.postAction())));
  }

  private static void requireNames(String field, List<String> names) {
    if (names.size() > MAX_SELECTOR_NAMES) {
      throw BatonException.badInput(
          field, field + " names more than " + MAX_SELECTOR_NAMES + " objects");
    }
    for (String name : names) {
      if (name.isBlank()) {
        throw BatonException.badInput(field, field + " holds an empty name");
      }
    }
  }

  private static String workflow(String field, String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    if (name.length() > 253) {
      throw BatonException.badInput(field, field + " is longer than 253 characters");
    }
    return name;
  }

  private static Tuple row(PromotionPolicy policy) {
    PromotionPolicy.Selector selector = policy.selector();
    PromotionPolicy.Settings settings = policy.policy();
    return Tuple.tuple()
        .addValue(policy.name())
        .addValue(policy.priority())
        .addValue(selector.products().toArray(String[]::new))
        .addValue(selector.environments().toArray(String[]::new))
        .addValue(selector.environmentKinds().stream().map(Enum::name).toArray(String[]::new))
        .addValue(settings.action() == null ? null : settings.action().name())
        .addValue(settings.preAction())
        .addValue(settings.postAction());
  }

  private static List<PromotionPolicy> all(RowSet<Row> rows) {
    List<PromotionPolicy> policies = new ArrayList<>();
    rows.forEach(row -> policies.add(policy(row)));
    return policies;
  }

  private static PromotionPolicy one(RowSet<Row> rows, String name) {
    if (rows.size() == 0) {
      throw BatonException.notFound("promotion policy", name);
    }
    return policy(rows.iterator().next());
  }

  private static PromotionPolicy policy(Row row) {
    String action = row.getString("action");
    return new PromotionPolicy(
        row.getString("name"),
        row.getInteger("priority"),
        new PromotionPolicy.Selector(
            List.of(row.getArrayOfStrings("products")),
            List.of(row.getArrayOfStrings("environments")),
            List.of(row.getArrayOfStrings("environment_kinds")).stream()
                .map(EnvironmentKind::valueOf)
                .toList()),
        new PromotionPolicy.Settings(
            action == null ? null : StepAction.valueOf(action),
            row.getString("pre_action"),
            row.getString("post_action")));
  }

  private static Throwable nameTaken(Throwable failure, String name) {
    if (PgErrors.is(failure, PgErrors.UNIQUE_VIOLATION)
        && NAME_CONSTRAINT.equals(PgErrors.constraint(failure))) {
      return BatonException.conflict(
          "name", "a promotion policy named \"" + name + "\" already exists");
    }
    return failure;
  }
}
