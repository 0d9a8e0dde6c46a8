package io.baton.db;

import org.flywaydb.core.Flyway;

/**
 * Flyway owns the schema: {@code src/main/resources/db/migration}. Blocking: run it on a worker
 * thread.
 */
public final class Migrations {
  private Migrations() {}

  public static void migrate(DatabaseUrl url) {
    Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }
}
