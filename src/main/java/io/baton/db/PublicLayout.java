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
 * Baton's layout before it had a schema of its own: its tables, functions and Flyway's history in
 * {@code public}. Such a database is moved into {@link DatabaseUrl#SCHEMA} in place (no row is
 * copied), before Flyway runs, in one transaction: all of it or none. Only the objects Baton's
 * migrations up to V12 made are moved, by name; whatever else {@code public} holds stays there.
 * Migrations after V12 only ever ran in Baton's own schema, so the list never grows. Blocking.
 */
final class PublicLayout {
  private static final Logger LOG = LoggerFactory.getLogger(PublicLayout.class);

  /**
   * Instances starting together on one database take it in turn ("baton" in ASCII): the first moves
   * it, the others then find Baton's schema there and leave it.
   */
  private static final long MOVE_LOCK = 0x6261746F6EL;

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

  private PublicLayout() {}

  static void moveToOwnSchema(DatabaseUrl url) {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + MOVE_LOCK + ")");
        if (laidOutInPublic(c)) {
          s.execute("CREATE SCHEMA " + DatabaseUrl.SCHEMA);
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
          LOG.info(
              "Moved Baton's tables from schema public to its own schema {}", DatabaseUrl.SCHEMA);
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not move Baton's tables from schema public to schema " + DatabaseUrl.SCHEMA, e);
    }
  }

  /**
   * Baton's own schema is not there yet and {@code public} holds Flyway's history of Baton's
   * migrations (its first, V1__catalog.sql): another program's Flyway history is no reason to move.
   */
  private static boolean laidOutInPublic(Connection c) throws SQLException {
    if (exists(c, "to_regnamespace", DatabaseUrl.SCHEMA)
        || !exists(c, "to_regclass", "public.flyway_schema_history")) {
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
