package io.baton.audit;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

public record AuditEntry(long id, OffsetDateTime at, String actor, String operation, String input) {

  static AuditEntry from(Row row) {
    Object input = row.getValue("input");
    return new AuditEntry(
        row.getLong("id"),
        row.getOffsetDateTime("at"),
        row.getString("actor"),
        row.getString("operation"),
        input == null ? null : input.toString());
  }
}
