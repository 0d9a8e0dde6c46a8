package io.baton.product;

import io.baton.Names;
import io.baton.audit.Audit;
import io.baton.db.PgErrors;
import io.baton.error.BatonException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Products: one deployable thing, seen across environments through its applications. */
public final class ProductService {
  private final Pool pool;

  public ProductService(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Product>> list() {
    return pool.query(ProductSql.LIST).execute().map(ProductService::all);
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
    Names.require("product", name);
    Tuple args =
        Tuple.of(
            name,
            (concurrency == null ? Concurrency.QUEUE : concurrency).name(),
            template == null ? null : template.toJson());
    return audit
        .withTransaction(
            pool,
            conn ->
                conn.preparedQuery(ProductSql.INSERT)
                    .execute(args)
                    .map(ProductService::firstOrNull))
        .recover(
            failure ->
                Future.failedFuture(
                    PgErrors.is(failure, PgErrors.UNIQUE_VIOLATION)
                        ? BatonException.conflict("product \"" + name + "\" already exists")
                        : failure));
  }

  /** {@code replaceTemplate} tells an omitted template (kept) from one set to null (cleared). */
  public Future<Product> update(
      String name,
      Concurrency concurrency,
      boolean replaceTemplate,
      PromotionTemplate template,
      Audit audit) {
    Tuple args =
        Tuple.of(
            name,
            concurrency == null ? null : concurrency.name(),
            template == null ? null : template.toJson(),
            replaceTemplate);
    return audit.withTransaction(
        pool,
        conn ->
            conn.preparedQuery(ProductSql.UPDATE).execute(args).map(rows -> required(rows, name)));
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
