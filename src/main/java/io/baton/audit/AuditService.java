package io.baton.audit;

import io.baton.product.RepoUrl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  /** What a page of the log is limited to: each null is no limit; {@code until} is exclusive. */
  public record Filter(String actor, String operation, Instant since, Instant until) {
    public boolean isEmpty() {
      return actor == null && operation == null && since == null && until == null;
    }
  }

  /** Newest first, only the entries the filter lets through. */
  public Future<List<AuditEntry>> page(int first, Long after, Filter filter) {
    if (filter.isEmpty()) {
      return page(first, after);
    }
    Tuple args = Tuple.tuple();
    args.addInteger(first)
        .addLong(after)
        .addString(filter.actor())
        .addString(filter.operation())
        .addOffsetDateTime(offset(filter.since()))
        .addOffsetDateTime(offset(filter.until()));
    return pool.preparedQuery(AuditSql.FILTERED_PAGE)
        .execute(args)
        .map(
            rows -> {
              List<AuditEntry> list = new ArrayList<>();
              rows.forEach(row -> list.add(AuditEntry.from(row)));
              return list;
            });
  }

  /** Who has made changes, by name. */
  public Future<List<String>> actors() {
    return pool.query(AuditSql.ACTORS).execute().map(rows -> strings(rows, "actor"));
  }

  /** Which mutations have been made, by name. */
  public Future<List<String>> operations() {
    return pool.query(AuditSql.OPERATIONS).execute().map(rows -> strings(rows, "operation"));
  }

  private static List<String> strings(RowSet<Row> rows, String column) {
    List<String> list = new ArrayList<>();
    rows.forEach(row -> list.add(row.getString(column)));
    return list;
  }

  private static OffsetDateTime offset(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
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
