package io.baton.auth;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

public record ApiToken(
    long id,
    String name,
    Role role,
    OffsetDateTime createdAt,
    OffsetDateTime lastUsedAt,
    OffsetDateTime revokedAt) {

  static ApiToken from(Row row) {
    return new ApiToken(
        row.getLong("id"),
        row.getString("name"),
        Role.valueOf(row.getString("role")),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("last_used_at"),
        row.getOffsetDateTime("revoked_at"));
  }
}
