package io.baton.testing;

import io.baton.db.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the whole test run (the embedded one, or the server named by
 * BATON_TEST_DATABASE_URL), and a new, empty database for every test that asks: tests never share
 * state.
 */
public final class TestPostgres {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static DatabaseUrl server;

  private TestPostgres() {}

  public static synchronized DatabaseUrl server() {
    if (server == null) {
      String external = System.getenv("BATON_TEST_DATABASE_URL");
      server =
          external != null && !external.isBlank() ? DatabaseUrl.parse(external) : startEmbedded();
    }
    return server;
  }

  /**
   * A fresh database on the shared server, named after the caller so leftovers are easy to trace.
   */
  public static DatabaseUrl newDatabase() {
    DatabaseUrl admin = server();
    String name = "baton_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return admin.withDatabase(name);
  }

  /** The URL as BATON_DATABASE_URL spells it. */
  public static String urlOf(DatabaseUrl url) {
    return "postgresql://"
        + url.user()
        + (url.password() == null ? "" : ":" + url.password())
        + "@"
        + url.host()
        + ":"
        + url.port()
        + "/"
        + url.database();
  }

  /**
   * A JDBC URL (as the embedded server's {@code getJdbcUrl} gives it) whose connections see Baton's
   * tables, in its own schema, as Baton's own connections do.
   */
  public static String inBatonSchema(String jdbcUrl) {
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + DatabaseUrl.SCHEMA;
  }

  private static DatabaseUrl startEmbedded() {
    try {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setServerConfig("max_connections", "300")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      pg.close();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
      return new DatabaseUrl("localhost", pg.getPort(), "postgres", "postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
