package io.baton.audit;

import io.baton.db.Coalescer;
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

/** The record of every change: who, what, when, and the input with secrets removed. */
public final class AuditService {
  private static final Set<String> SECRET_KEYS =
      Set.of("token", "password", "secret", "privateKey");

  private static final int MAX_BATCH = 500;
  private static final String INSERT =
      """
      INSERT INTO audit_entry (actor, operation, input)
      SELECT actor, operation, input::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) AS e(actor, operation, input)""";
  private static final String PAGE =
      "SELECT id, at, actor, operation, input FROM audit_entry ORDER BY id DESC LIMIT $1";
  private static final String PAGE_AFTER =
      "SELECT id, at, actor, operation, input FROM audit_entry WHERE id < $2 ORDER BY id DESC LIMIT $1";

  private final Pool pool;
  private final Coalescer<Pending, Void> writes;

  private record Pending(String actor, String operation, String input) {}

  public AuditService(Pool pool) {
    this.pool = pool;
    this.writes = new Coalescer<>(MAX_BATCH, 1, this::write);
  }

  /**
   * Stores the entry; the future completes once it is committed. Entries that arrive while a write
   * is under way go together in the next one: one statement and one commit for many mutations, each
   * still answered only after its entry is stored.
   */
  public Future<Void> record(String actor, String operation, Map<String, Object> arguments) {
    return writes.submit(new Pending(actor, operation, redact(new JsonObject(arguments)).encode()));
  }

  private Future<Void> write(List<Coalescer.Request<Pending, Void>> batch) {
    String[] actors = batch.stream().map(r -> r.input().actor()).toArray(String[]::new);
    String[] operations = batch.stream().map(r -> r.input().operation()).toArray(String[]::new);
    String[] inputs = batch.stream().map(r -> r.input().input()).toArray(String[]::new);
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(actors, operations, inputs))
        .onSuccess(rows -> batch.forEach(r -> r.complete(null)))
        .mapEmpty();
  }

  /** Newest first; {@code after} is the id of the last entry of the previous page. */
  public Future<List<AuditEntry>> page(int first, Long after) {
    // Two statements rather than "$2 IS NULL OR id < $2": a generic plan of that reads and sorts
    // the whole table.
    return pool.preparedQuery(after == null ? PAGE : PAGE_AFTER)
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
