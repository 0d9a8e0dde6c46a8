package io.baton.db;

import org.flywaydb.core.Flyway;

/**
 * Flyway owns the schema: {@code src/main/resources/db/migration}, applied in Baton's own schema
 * ({@link DatabaseUrl#SCHEMA}) with Flyway's history there, so the database may hold other tables.
 * {@link OwnSchema} makes that schema first, moving into it a database Baton laid out in {@code
 * public} before. Blocking: run it on a worker thread.
 */
public final class Migrations {
  private Migrations() {}

  public static void migrate(DatabaseUrl url) {
    OwnSchema.make(url);
    Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .schemas(DatabaseUrl.SCHEMA)
        .defaultSchema(DatabaseUrl.SCHEMA)
        .createSchemas(true)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }
}
