package io.baton.product;

import io.baton.Names;
import io.baton.audit.Audit;
import io.baton.db.PgErrors;
import io.baton.error.BatonException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Products: one deployable thing, seen across environments through its applications. */
public final class ProductService {
  private final Pool pool;

  public ProductService(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Product>> list() {
    return list(pool);
  }

  /** Every product, by name, as {@code sql} (a transaction's connection) sees them. */
  public Future<List<Product>> list(SqlClient sql) {
    return sql.query(ProductSql.LIST).execute().map(ProductService::all);
  }

  public Future<Product> find(String name) {
    return pool.preparedQuery(ProductSql.BY_NAME)
        .execute(Tuple.of(name))
        .map(ProductService::firstOrNull);
  }

  public Future<Product> get(String name) {
    return find(name)
        .map(
            product -> {
              if (product == null) {
                throw BatonException.notFound("product", name);
              }
              return product;
            });
  }

  /** The products of these names that exist, by name. */
  public Future<Map<String, Product>> byNames(Collection<String> names) {
    return pool.preparedQuery(ProductSql.BY_NAMES)
        .execute(Tuple.of((Object) names.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, Product> byName = new HashMap<>();
              all(rows).forEach(p -> byName.put(p.name(), p));
              return byName;
            });
  }

  public Future<Map<Long, Product>> byIds(Collection<Long> ids) {
    return pool.preparedQuery(ProductSql.BY_IDS)
        .execute(Tuple.of(ids.toArray(Long[]::new)))
        .map(
            rows -> all(rows).stream().collect(Collectors.toMap(Product::id, Function.identity())));
  }

  public Future<Product> create(
      String name, Concurrency concurrency, PromotionTemplate template, Audit audit) {
    return create(name, concurrency, template, null, audit);
  }

  /**
   * A flow a product runs by itself, as given: a flow name and its selectors.
   *
   * @param selectors null or empty: every new commit matches
   */
  public record FlowTriggerInput(String flow, List<GitTriggerSelector> selectors) {
    public FlowTriggerInput {
      selectors = selectors == null ? List.of() : List.copyOf(selectors);
    }
  }

  /** {@code flows}: the flows it runs by itself, in order; null: none. */
  public Future<Product> create(
      String name,
      Concurrency concurrency,
      PromotionTemplate template,
      List<FlowTriggerInput> flows,
      Audit audit) {
    Tuple args = insertArgs(name, concurrency, template, flows);
    return audit
        .withTransaction(pool, conn -> insert(conn, args, flows))
        .recover(failure -> Future.failedFuture(nameTaken(failure, name)));
  }

  /** Creates the product in the transaction of {@code conn}, which writes no audit entry. */
  public Future<Product> create(
      SqlConnection conn,
      String name,
      Concurrency concurrency,
      PromotionTemplate template,
      List<FlowTriggerInput> flows) {
    return Future.succeededFuture(name)
        .map(n -> insertArgs(n, concurrency, template, flows))
        .compose(args -> insert(conn, args, flows))
        .recover(failure -> Future.failedFuture(nameTaken(failure, name)));
  }

  private static Tuple insertArgs(
      String name,
      Concurrency concurrency,
      PromotionTemplate template,
      List<FlowTriggerInput> flows) {
    Names.require("product", name);
    requireValid(flows);
    return Tuple.of(
        name,
        (concurrency == null ? Concurrency.QUEUE : concurrency).name(),
        template == null ? null : template.toJson());
  }

  private static Future<Product> insert(
      SqlConnection conn, Tuple args, List<FlowTriggerInput> flows) {
    return conn.preparedQuery(ProductSql.INSERT)
        .execute(args)
        .map(ProductService::firstOrNull)
        .compose(product -> replaceFlows(conn, product, flows));
  }

  private static Throwable nameTaken(Throwable failure, String name) {
    return PgErrors.is(failure, PgErrors.UNIQUE_VIOLATION)
        ? BatonException.conflict("name", "product \"" + name + "\" already exists")
        : failure;
  }

  /** {@code replaceTemplate} tells an omitted template (kept) from one set to null (cleared). */
  public Future<Product> update(
      String name,
      Concurrency concurrency,
      boolean replaceTemplate,
      PromotionTemplate template,
      Audit audit) {
    return update(name, concurrency, replaceTemplate, template, null, audit);
  }

  /** {@code flows}: replaces the flows it runs by itself; null keeps them, empty clears them. */
  public Future<Product> update(
      String name,
      Concurrency concurrency,
      boolean replaceTemplate,
      PromotionTemplate template,
      List<FlowTriggerInput> flows,
      Audit audit) {
    requireValid(flows);
    Tuple args = updateArgs(name, concurrency, replaceTemplate, template);
    return audit.withTransaction(pool, conn -> update(conn, name, args, flows));
  }

  /**
   * Changes the product in the transaction of {@code conn}, which writes no audit entry: as {@link
   * #update(String, Concurrency, boolean, PromotionTemplate, List, Audit)}.
   */
  public Future<Product> update(
      SqlConnection conn,
      String name,
      Concurrency concurrency,
      boolean replaceTemplate,
      PromotionTemplate template,
      List<FlowTriggerInput> flows) {
    return Future.succeededFuture(flows)
        .map(
            f -> {
              requireValid(f);
              return updateArgs(name, concurrency, replaceTemplate, template);
            })
        .compose(args -> update(conn, name, args, flows));
  }

  /**
   * Names the standalone template the product follows (null: none, it follows its own), in the
   * transaction of {@code conn}, which writes no audit entry.
   */
  public Future<Product> setTemplateRef(SqlConnection conn, String name, String templateRef) {
    return conn.preparedQuery(ProductSql.SET_TEMPLATE_REF)
        .execute(Tuple.of(name, templateRef))
        .map(rows -> required(rows, name));
  }

  private static Tuple updateArgs(
      String name, Concurrency concurrency, boolean replaceTemplate, PromotionTemplate template) {
    return Tuple.of(
        name,
        concurrency == null ? null : concurrency.name(),
        template == null ? null : template.toJson(),
        replaceTemplate);
  }

  private static Future<Product> update(
      SqlConnection conn, String name, Tuple args, List<FlowTriggerInput> flows) {
    return conn.preparedQuery(ProductSql.UPDATE)
        .execute(args)
        .map(rows -> required(rows, name))
        .compose(product -> replaceFlows(conn, product, flows));
  }

  /** The products' automatic flows, each product's in order; a product without any is left out. */
  public Future<Map<Long, List<ProductFlowTrigger>>> flowTriggers(Collection<Long> productIds) {
    return flowTriggers(pool, productIds);
  }

  /**
   * As {@link #flowTriggers(Collection)}, as {@code sql} (a transaction's connection) sees them.
   */
  public Future<Map<Long, List<ProductFlowTrigger>>> flowTriggers(
      SqlClient sql, Collection<Long> productIds) {
    return sql.preparedQuery(ProductSql.FLOW_TRIGGERS_OF)
        .execute(Tuple.of((Object) productIds.toArray(Long[]::new)))
        .map(
            rows -> {
              Map<Long, List<ProductFlowTrigger>> byProduct = new HashMap<>();
              rows.forEach(
                  row ->
                      byProduct
                          .computeIfAbsent(row.getLong("product_id"), k -> new ArrayList<>())
                          .add(
                              new ProductFlowTrigger(
                                  row.getLong("flow_id"),
                                  row.getString("flow_name"),
                                  GitTriggerSelector.fromJson(
                                      (JsonArray) row.getValue("git_trigger_selectors")))));
              return byProduct;
            });
  }

  /** Pauses the product's automatic triggers: no commit starts a release until resumed. */
  public Future<Product> pauseAutoTrigger(String name, String reason, Audit audit) {
    return setPaused(name, true, reason, audit);
  }

  /** Resumes the product's automatic triggers. */
  public Future<Product> resumeAutoTrigger(String name, Audit audit) {
    return setPaused(name, false, null, audit);
  }

  private Future<Product> setPaused(String name, boolean paused, String reason, Audit audit) {
    if (reason != null && reason.length() > 1000) {
      throw BatonException.badInput("reason: at most 1000 characters");
    }
    return audit.withTransaction(
        pool,
        conn ->
            conn.preparedQuery(ProductSql.SET_PAUSED)
                .execute(Tuple.of(name, paused, reason))
                .map(rows -> required(rows, name)));
  }

  /** Refuses a flow listed twice, without a name, or with a selector without values. */
  public static void requireValid(List<FlowTriggerInput> flows) {
    if (flows == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < flows.size(); i++) {
      String field = "promotionFlows[" + i + "]";
      FlowTriggerInput flow = flows.get(i);
      if (flow.flow() == null || flow.flow().isBlank()) {
        throw BatonException.badInput(field + ".flow: name a promotion flow");
      }
      if (!seen.add(flow.flow())) {
        throw BatonException.badInput(
            field + ".flow: \"" + flow.flow() + "\" is listed more than once");
      }
      for (int j = 0; j < flow.selectors().size(); j++) {
        flow.selectors().get(j).requireValid(field + ".gitTriggerSelectors[" + j + "]");
      }
    }
  }

  /** Replaces the product's automatic flows with {@code flows} (null: keeps them). */
  private static Future<Product> replaceFlows(
      SqlConnection conn, Product product, List<FlowTriggerInput> flows) {
    if (flows == null) {
      return Future.succeededFuture(product);
    }
    String[] names = flows.stream().map(FlowTriggerInput::flow).toArray(String[]::new);
    return conn.preparedQuery(ProductSql.FLOW_IDS_BY_NAMES)
        .execute(Tuple.of((Object) names))
        .map(rows -> flowIds(rows, flows))
        .compose(
            ids ->
                conn.preparedQuery(ProductSql.DELETE_FLOW_TRIGGERS)
                    .execute(Tuple.of(product.id()))
                    .compose(
                        deleted ->
                            conn.preparedQuery(ProductSql.INSERT_FLOW_TRIGGERS)
                                .execute(
                                    Tuple.of(
                                        product.id(),
                                        ids,
                                        flows.stream()
                                            .map(f -> GitTriggerSelector.toJson(f.selectors()))
                                            .map(JsonArray::encode)
                                            .toArray(String[]::new)))))
        .map(product);
  }

  private static Long[] flowIds(RowSet<Row> rows, List<FlowTriggerInput> flows) {
    Map<String, Long> byName = new HashMap<>();
    rows.forEach(row -> byName.put(row.getString("name"), row.getLong("id")));
    Long[] ids = new Long[flows.size()];
    for (int i = 0; i < flows.size(); i++) {
      ids[i] = byName.get(flows.get(i).flow());
      if (ids[i] == null) {
        throw BatonException.badInput(
            "promotionFlows["
                + i
                + "].flow: there is no promotion flow \""
                + flows.get(i).flow()
                + "\"");
      }
    }
    return ids;
  }

  public Future<Product> delete(String name, Audit audit) {
    return get(name)
        .compose(
            product ->
                audit
                    .withTransaction(
                        pool,
                        conn ->
                            conn.preparedQuery(ProductSql.DELETE)
                                .execute(Tuple.of(name))
                                .map(rows -> required(rows, name)))
                    .recover(
                        failure ->
                            PgErrors.is(failure, PgErrors.FOREIGN_KEY_VIOLATION)
                                ? inUse(product).compose(Future::failedFuture)
                                : Future.failedFuture(failure)));
  }

  /**
   * Deletes the product in the transaction of {@code conn}, which writes no audit entry; CONFLICT
   * while it has applications or releases, as that transaction sees them.
   */
  public Future<Product> delete(SqlConnection conn, String name) {
    return conn.preparedQuery(ProductSql.BY_NAME)
        .execute(Tuple.of(name))
        .map(rows -> required(rows, name))
        .compose(
            product ->
                conn.preparedQuery(ProductSql.APPLICATIONS_OF)
                    .execute(Tuple.of(product.id()))
                    .compose(apps -> deleteUnused(conn, product, apps)));
  }

  private static Future<Product> deleteUnused(
      SqlConnection conn, Product product, RowSet<Row> applications) {
    if (applications.size() > 0) {
      return Future.failedFuture(refusal(product, applications));
    }
    return conn.preparedQuery(ProductSql.DELETE)
        .execute(Tuple.of(product.name()))
        .map(rows -> required(rows, product.name()))
        .recover(
            failure ->
                Future.failedFuture(
                    PgErrors.is(failure, PgErrors.FOREIGN_KEY_VIOLATION)
                        ? BatonException.conflict(
                            "product \""
                                + product.name()
                                + "\" is still used by its releases; it cannot be deleted")
                        : failure));
  }

  private static BatonException refusal(Product product, RowSet<Row> applications) {
    List<String> names = new ArrayList<>();
    applications.forEach(row -> names.add("\"" + row.getString("name") + "\""));
    return BatonException.conflict(
        "product \""
            + product.name()
            + "\" is still used by applications "
            + String.join(", ", names)
            + "; remove those first");
  }

  private Future<BatonException> inUse(Product product) {
    return pool.preparedQuery(ProductSql.APPLICATIONS_OF)
        .execute(Tuple.of(product.id()))
        .map(
            rows -> {
              List<String> names = new ArrayList<>();
              rows.forEach(row -> names.add("\"" + row.getString("name") + "\""));
              String by =
                  names.isEmpty() ? "its releases" : "applications " + String.join(", ", names);
              return BatonException.conflict(
                  "product \""
                      + product.name()
                      + "\" is still used by "
                      + by
                      + "; remove those first");
            });
  }

  private static Product required(RowSet<Row> rows, String name) {
    Product product = firstOrNull(rows);
    if (product == null) {
      throw BatonException.notFound("product", name);
    }
    return product;
  }

  private static Product firstOrNull(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Product.from(rows.iterator().next()) : null;
  }

  private static List<Product> all(RowSet<Row> rows) {
    List<Product> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(Product.from(row)));
    return list;
  }
}
