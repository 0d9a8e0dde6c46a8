package io.baton.environment;

import io.vertx.sqlclient.Row;

public record Environment(long id, String name, EnvironmentKind kind, int position) {

  static Environment from(Row row) {
    return new Environment(
        row.getLong("id"),
        row.getString("name"),
        EnvironmentKind.valueOf(row.getString("kind")),
        row.getInteger("position"));
  }
}
