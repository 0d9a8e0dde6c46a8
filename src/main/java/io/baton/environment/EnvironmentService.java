package io.baton.environment;

import io.baton.Names;
import io.baton.argocd.ArgoCdServer;
import io.baton.audit.Audit;
import io.baton.db.PgErrors;
import io.baton.error.BatonException;
import io.baton.gate.GateDefinitions;
import io.baton.gate.GateSpec;
import io.baton.gate.GateSpecJson;
import io.baton.product.RepoUrl;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Environments: where applications run, listed in position order. */
public final class EnvironmentService {
  static final int MAX_URL_LENGTH = 2048;

  private final Pool pool;

  public EnvironmentService(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Environment>> list() {
    return list(pool);
  }

  /** Every environment, by position, as {@code sql} (a transaction's connection) sees them. */
  public Future<List<Environment>> list(SqlClient sql) {
    return sql.query(EnvironmentSql.LIST).execute().map(EnvironmentService::all);
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

  /** A new environment; {@code gates} and {@code argocdServer} may be null (none). */
  public record NewEnvironment(
      String name,
      EnvironmentKind kind,
      Integer position,
      List<GateSpec> gates,
      String argocdServer) {}

  /**
   * Changes to an environment: null fields stay as they are, except {@code argocdServer}, which is
   * set (null clears it) when {@code setsArgocdServer}; {@code gates} given replace them all.
   */
  public record EnvironmentChange(
      String name,
      EnvironmentKind kind,
      Integer position,
      List<GateSpec> gates,
      boolean setsArgocdServer,
      String argocdServer) {}

  /** An environment without gates or Argo CD server. */
  public Future<Environment> create(
      String name, EnvironmentKind kind, Integer position, Audit audit) {
    return create(new NewEnvironment(name, kind, position, null, null), audit);
  }

  public Future<Environment> create(NewEnvironment input, Audit audit) {
    Tuple args = insertArgs(input);
    return audit
        .withTransaction(pool, conn -> insert(conn, args))
        .recover(failure -> Future.failedFuture(nameTaken(failure, input.name())));
  }

  /** Creates the environment in the transaction of {@code conn}, which writes no audit entry. */
  public Future<Environment> create(SqlConnection conn, NewEnvironment input) {
    return Future.succeededFuture(input)
        .map(EnvironmentService::insertArgs)
        .compose(args -> insert(conn, args))
        .recover(failure -> Future.failedFuture(nameTaken(failure, input.name())));
  }

  private static Tuple insertArgs(NewEnvironment input) {
    String name = input.name();
    Names.require("environment", name);
    EnvironmentKind kind = input.kind() == null ? EnvironmentKind.NON_PROD : input.kind();
    return Tuple.of(
        name,
        kind.name(),
        input.position(),
        GateSpecJson.write(validGates(name, input.gates() == null ? List.of() : input.gates())),
        validArgocdServer(input.argocdServer()));
  }

  private static Future<Environment> insert(SqlConnection conn, Tuple args) {
    return conn.preparedQuery(EnvironmentSql.INSERT)
        .execute(args)
        .map(EnvironmentService::firstOrNull);
  }

  private static Throwable nameTaken(Throwable failure, String name) {
    return PgErrors.is(failure, PgErrors.UNIQUE_VIOLATION)
        ? BatonException.conflict("name", "environment \"" + name + "\" already exists")
        : failure;
  }

  public Future<Environment> update(EnvironmentChange change, Audit audit) {
    Tuple args = updateArgs(change);
    return audit.withTransaction(pool, conn -> update(conn, change.name(), args));
  }

  /** Changes the environment in the transaction of {@code conn}, which writes no audit entry. */
  public Future<Environment> update(SqlConnection conn, EnvironmentChange change) {
    return Future.succeededFuture(change)
        .map(EnvironmentService::updateArgs)
        .compose(args -> update(conn, change.name(), args));
  }

  private static Tuple updateArgs(EnvironmentChange change) {
    String name = change.name();
    return Tuple.of(
        name,
        change.kind() == null ? null : change.kind().name(),
        change.position(),
        change.gates() == null ? null : GateSpecJson.write(validGates(name, change.gates())),
        change.setsArgocdServer(),
        change.setsArgocdServer() ? validArgocdServer(change.argocdServer()) : null);
  }

  private static Future<Environment> update(SqlConnection conn, String name, Tuple args) {
    return conn.preparedQuery(EnvironmentSql.UPDATE)
        .execute(args)
        .map(rows -> required(rows, name));
  }

  /**
   * Puts every environment in the order of {@code names}, which must name each environment once:
   * positions 0, 1, 2... in one transaction. Returns them all, in their new order.
   */
  public Future<List<Environment>> reorder(List<String> names, Audit audit) {
    return list()
        .compose(
            current -> {
              requireEveryEnvironmentOnce(names, current);
              return audit.withTransaction(
                  pool,
                  conn ->
                      conn.preparedQuery(EnvironmentSql.REORDER)
                          .execute(Tuple.of(names.toArray(String[]::new))));
            })
        .compose(ignored -> list());
  }

  private static void requireEveryEnvironmentOnce(List<String> names, List<Environment> current) {
    List<String> existing = current.stream().map(Environment::name).sorted().toList();
    List<String> given = names.stream().sorted().toList();
    if (!existing.equals(given)) {
      throw BatonException.badInput(
          "names",
          "name every environment once, in its new order: "
              + String.join(", ", existing)
              + " (given: "
              + String.join(", ", names)
              + ")");
    }
  }

  /**
   * The gates with their defaults explicit; BAD_USER_INPUT naming the gate's index, kind and field
   * when one is not valid.
   */
  public static List<GateSpec> validGates(String environment, List<GateSpec> gates) {
    if (gates.size() > GateDefinitions.MAX_GATES) {
      throw BatonException.badInput(
          "environment \""
              + environment
              + "\" may have at most "
              + GateDefinitions.MAX_GATES
              + " gates");
    }
    List<GateSpec> valid = gates.stream().map(GateDefinitions::withDefaults).toList();
    for (int i = 0; i < valid.size(); i++) {
      List<String> problems = GateDefinitions.problems(valid.get(i));
      if (!problems.isEmpty()) {
        throw BatonException.badInput(
            "gates["
                + i
                + "] ("
                + valid.get(i).kind()
                + " gate of environment \""
                + environment
                + "\"): "
                + String.join("; ", problems));
      }
    }
    return valid;
  }

  /** An http(s) base URL without credentials, query or fragment; blank is none (null). */
  public static String validArgocdServer(String argocdServer) {
    if (argocdServer == null || argocdServer.isBlank()) {
      return null;
    }
    String url = argocdServer.trim();
    if (url.length() > MAX_URL_LENGTH) {
      throw BatonException.badInput(
          "argocdServer", "argocdServer is longer than " + MAX_URL_LENGTH + " characters");
    }
    try {
      ArgoCdServer.parse(url);
    } catch (IllegalArgumentException e) {
      throw BatonException.badInput(
          "argocdServer",
          "argocdServer \"" + RepoUrl.redact(url) + "\" is not usable: " + e.getMessage());
    }
    return url;
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

  /**
   * Deletes the environment in the transaction of {@code conn}, which writes no audit entry;
   * CONFLICT naming what still uses it, as that transaction sees it.
   */
  public Future<Environment> delete(SqlConnection conn, String name) {
    return conn.preparedQuery(EnvironmentSql.BY_NAME)
        .execute(Tuple.of(name))
        .map(rows -> required(rows, name))
        .compose(env -> inUse(conn, env).compose(refusal -> deleteUnused(conn, env, refusal)));
  }

  private static Future<Environment> deleteUnused(
      SqlConnection conn, Environment env, BatonException refusal) {
    if (refusal != null) {
      return Future.failedFuture(refusal);
    }
    return conn.preparedQuery(EnvironmentSql.DELETE)
        .execute(Tuple.of(env.name()))
        .map(rows -> required(rows, env.name()))
        .recover(
            failure ->
                Future.failedFuture(
                    PgErrors.is(failure, PgErrors.FOREIGN_KEY_VIOLATION)
                        ? BatonException.conflict(
                            "environment \""
                                + env.name()
                                + "\" is still used by releases; it cannot be deleted")
                        : failure));
  }

  /** A refusal naming what uses the environment, or null when nothing in the catalog does. */
  private static Future<BatonException> inUse(SqlClient sql, Environment env) {
    return sql.preparedQuery(EnvironmentSql.USERS)
        .execute(Tuple.of(env.id()))
        .map(rows -> rows.size() == 0 ? null : refusal(env, rows));
  }

  private static BatonException refusal(Environment env, RowSet<Row> rows) {
    List<String> users = new ArrayList<>();
    rows.forEach(row -> users.add(row.getString("kind") + " \"" + row.getString("name") + "\""));
    return BatonException.conflict(
        "environment \""
            + env.name()
            + "\" is still used by "
            + String.join(", ", users)
            + "; remove those first");
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
