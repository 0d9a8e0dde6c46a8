package io.baton.environment;

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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Environments: where applications run, listed in position order. */
public final class EnvironmentService {
  private final Pool pool;

  public EnvironmentService(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Environment>> list() {
    return pool.query(EnvironmentSql.LIST).execute().map(EnvironmentService::all);
  }

  public Future<Environment> find(String name) {
    return pool.preparedQuery(EnvironmentSql.BY_NAME)
        .execute(Tuple.of(name))
        .map(EnvironmentService::firstOrNull);
  }

  public Future<Environment> get(String name) {
    return find(name)
        .map(
            env -> {
              if (env == null) {
                throw BatonException.notFound("environment", name);
              }
              return env;
            });
  }

  public Future<Map<Long, Environment>> byIds(Collection<Long> ids) {
    return pool.preparedQuery(EnvironmentSql.BY_IDS)
        .execute(Tuple.of(ids.toArray(Long[]::new)))
        .map(
            rows ->
                all(rows).stream().collect(Collectors.toMap(Environment::id, Function.identity())));
  }

  public Future<Environment> create(
      String name, EnvironmentKind kind, Integer position, Audit audit) {
    Names.require("environment", name);
    Tuple args = Tuple.of(name, (kind == null ? EnvironmentKind.NON_PROD : kind).name(), position);
    return audit
        .withTransaction(
            pool,
            conn ->
                conn.preparedQuery(EnvironmentSql.INSERT)
                    .execute(args)
                    .map(EnvironmentService::firstOrNull))
        .recover(
            failure ->
                Future.failedFuture(
                    PgErrors.is(failure, PgErrors.UNIQUE_VIOLATION)
                        ? BatonException.conflict("environment \"" + name + "\" already exists")
                        : failure));
  }

  public Future<Environment> update(
      String name, EnvironmentKind kind, Integer position, Audit audit) {
    Tuple args = Tuple.of(name, kind == null ? null : kind.name(), position);
    return audit.withTransaction(
        pool,
        conn ->
            conn.preparedQuery(EnvironmentSql.UPDATE)
                .execute(args)
                .map(rows -> required(rows, name)));
  }

  public Future<Environment> delete(String name, Audit audit) {
    return get(name)
        .compose(
            env ->
                audit
                    .withTransaction(
                        pool,
                        conn ->
                            conn.preparedQuery(EnvironmentSql.DELETE)
                                .execute(Tuple.of(name))
                                .map(rows -> required(rows, name)))
                    .recover(
                        failure ->
                            PgErrors.is(failure, PgErrors.FOREIGN_KEY_VIOLATION)
                                ? inUse(env).compose(Future::failedFuture)
                                : Future.failedFuture(failure)));
  }

  private Future<BatonException> inUse(Environment env) {
    return pool.preparedQuery(EnvironmentSql.USERS)
        .execute(Tuple.of(env.id()))
        .map(
            rows -> {
              List<String> users = new ArrayList<>();
              rows.forEach(
                  row -> users.add(row.getString("kind") + " \"" + row.getString("name") + "\""));
              String by = users.isEmpty() ? "releases" : String.join(", ", users);
              return BatonException.conflict(
                  "environment \""
                      + env.name()
                      + "\" is still used by "
                      + by
                      + "; remove those first");
            });
  }

  private static Environment required(RowSet<Row> rows, String name) {
    Environment env = firstOrNull(rows);
    if (env == null) {
      throw BatonException.notFound("environment", name);
    }
    return env;
  }

  private static Environment firstOrNull(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Environment.from(rows.iterator().next()) : null;
  }

  private static List<Environment> all(RowSet<Row> rows) {
    List<Environment> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(Environment.from(row)));
    return list;
  }
}
