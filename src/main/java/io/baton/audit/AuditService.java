package io.baton.audit;

import io.baton.product.RepoUrl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record of every change: who, what, when, and the input with secrets removed. Entries are
 * written by the services, as an {@link Audit}, in the transaction of the change they record.
 */
public final class AuditService {
  private static final Set<String> SECRET_KEYS =
      Set.of("token", "password", "secret", "privateKey");

  private final Pool pool;

  public AuditService(Pool pool) {
    this.pool = pool;
  }

  /** Newest first; {@code after} is the id of the last entry of the previous page. */
  public Future<List<AuditEntry>> page(int first, Long after) {
    // Two statements rather than "$2 IS NULL OR id < $2": a generic plan of that reads and sorts
    // the whole table.
    return pool.preparedQuery(after == null ? AuditSql.PAGE : AuditSql.PAGE_AFTER)
        .execute(after == null ? Tuple.of(first) : Tuple.of(first, after))
        .map(
            rows -> {
              List<AuditEntry> list = new ArrayList<>();
              rows.forEach(row -> list.add(AuditEntry.from(row)));
              return list;
            });
  }

  static JsonObject redact(JsonObject json) {
    JsonObject copy = new JsonObject();
    json.forEach(
        e ->
            copy.put(
                e.getKey(),
                SECRET_KEYS.contains(e.getKey()) ? "[redacted]" : redactValue(e.getValue())));
    return copy;
  }

  private static Object redactValue(Object value) {
    if (value instanceof JsonObject o) {
      return redact(o);
    }
    if (value instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) m;
      return redact(new JsonObject(map));
    }
    if (value instanceof List<?> l) {
      JsonArray array = new JsonArray();
      l.forEach(v -> array.add(redactValue(v)));
      return array;
    }
    if (value instanceof JsonArray a) {
      JsonArray array = new JsonArray();
      a.forEach(v -> array.add(redactValue(v)));
      return array;
    }
    if (value instanceof String text) {
      return RepoUrl.redact(text);
    }
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return value.toString(); // durations, instants, enums: as the API writes them
  }
}
