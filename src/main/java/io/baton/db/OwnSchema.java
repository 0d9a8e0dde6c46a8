package io.baton.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Baton's own schema, {@link DatabaseUrl#SCHEMA}, before Flyway runs, under an advisory lock
 * so that instances starting together take turns: the first makes it, the others find it there.
 *
 * <p>A database Baton laid out before it had a schema of its own (its tables, functions and
 * Flyway's history in {@code public}) is moved into it in place, in the same transaction, as long
 * as Baton's schema holds no history of its own: all of it or none, no row copied. Only the objects
 * Baton's migrations up to V12 made are moved, by name; whatever else {@code public} holds stays
 * there. Migrations after V12 only ever ran in Baton's own schema, so the list never grows.
 * Blocking.
 */
final class OwnSchema {
  private static final Logger LOG = LoggerFactory.getLogger(OwnSchema.class);

  /** Held while the schema is made ("baton" in ASCII). */
  private static final long LOCK = 0x6261746F6EL;

  /** Every table Baton's migrations V1 to V12 made (identity sequences and triggers go along). */
  private static final List<String> TABLES =
      List.of(
          "flyway_schema_history",
          "environment",
          "product",
          "application",
          "api_token",
          "audit_entry",
          "promotion_flow",
          "promotion_flow_step",
          "release",
          "release_step",
          "release_event",
          "release_gate",
          "release_approval",
          "product_flow_trigger",
          "git_watch",
          "webhook",
          "webhook_delivery",
          "webhook_attempt",
          "line_control",
          "freeze_window",
          "freeze_window_environment",
          "environment_pause",
          "application_pin");

  /** Every function they made, some dropped again by later ones. */
  private static final List<String> FUNCTIONS =
      List.of(
          "webhook_event_type(bigint, text, text)",
          "webhook_outbox()",
          "webhook_feed(integer, integer)");

  private OwnSchema() {}

  static void make(DatabaseUrl url) {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
        if (!exists(c, "to_regnamespace", DatabaseUrl.SCHEMA)) {
          s.execute("CREATE SCHEMA " + DatabaseUrl.SCHEMA);
        }
        // Also when someone made the schema beforehand, empty: Baton's data stays Baton's data.
        if (!exists(c, "to_regclass", DatabaseUrl.SCHEMA + ".flyway_schema_history")
            && laidOutInPublic(c)) {
          moveFromPublic(s, c);
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("could not make Baton's schema " + DatabaseUrl.SCHEMA, e);
    }
  }

  private static void moveFromPublic(Statement s, Connection c) throws SQLException {
    for (String table : TABLES) {
      if (exists(c, "to_regclass", "public." + table)) {
        s.execute("ALTER TABLE public." + table + " SET SCHEMA " + DatabaseUrl.SCHEMA);
      }
    }
    for (String function : FUNCTIONS) {
      if (exists(c, "to_regprocedure", "public." + function)) {
        s.execute("ALTER FUNCTION public." + function + " SET SCHEMA " + DatabaseUrl.SCHEMA);
      }
    }
    LOG.info("Moved Baton's tables from schema public to its own schema {}", DatabaseUrl.SCHEMA);
  }

  /**
   * {@code public} holds Flyway's history of Baton's migrations (its first, V1__catalog.sql):
   * another program's Flyway history there is no reason to move anything.
   */
  private static boolean laidOutInPublic(Connection c) throws SQLException {
    if (!exists(c, "to_regclass", "public.flyway_schema_history")) {
      return false;
    }
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT 1 FROM public.flyway_schema_history"
                    + " WHERE version = '1' AND script = 'V1__catalog.sql' AND success")) {
      return r.next();
    }
  }

  private static boolean exists(Connection c, String lookup, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + lookup + "(?) IS NOT NULL")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }
}
