package io.baton.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The audit entry of one change: who, which operation, and its input with secrets removed. A
 * service writes it on the connection of the transaction that makes the change, so that the change
 * and its entry commit together or not at all.
 */
public record Audit(String actor, String operation, String input) {

  public static Audit of(String actor, String operation, Map<String, Object> arguments) {
    return new Audit(actor, operation, AuditService.redact(new JsonObject(arguments)).encode());
  }

  /** Runs {@code change} in a transaction that also writes this entry. */
  public <T> Future<T> withTransaction(Pool pool, Function<SqlConnection, Future<T>> change) {
    return pool.withTransaction(
        conn -> change.apply(conn).compose(value -> write(conn).map(value)));
  }

  /** Writes this entry on {@code sql}: a transaction's connection. */
  public Future<Void> write(SqlClient sql) {
    return writeAll(sql, List.of(this));
  }

  /** Writes many entries in one statement: a batch of changes made in one transaction. */
  public static Future<Void> writeAll(SqlClient sql, Collection<Audit> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] actors = entries.stream().map(Audit::actor).toArray(String[]::new);
    String[] operations = entries.stream().map(Audit::operation).toArray(String[]::new);
    String[] inputs = entries.stream().map(Audit::input).toArray(String[]::new);
    return sql.preparedQuery(AuditSql.INSERT)
        .execute(Tuple.of(actors, operations, inputs))
        .mapEmpty();
  }
}
