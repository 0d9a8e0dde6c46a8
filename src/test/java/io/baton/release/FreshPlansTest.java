package io.baton.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.db.DatabaseUrl;
import io.baton.db.Migrations;
import io.baton.db.TableStatisticsAccess;
import io.baton.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's hot statements as the prepared-statement cache runs them (generic plans, which
 * PostgreSQL keeps until the table is analyzed again). On a database just migrated they read whole
 * tables (cheapest when empty), so they slow down as the tables grow until autovacuum first
 * analyzes them, up to a minute later: Baton's {@link io.baton.db.TableStatistics} analyzes the
 * tables as soon as they have grown, and then none reads a whole release table.
 */
class FreshPlansTest {
  private static final Map<String, String> HOT = new LinkedHashMap<>();

  static {
    HOT.put("STEPS_OF", ReleaseSql.STEPS_OF);
    HOT.put("LOCK_RELEASES", ReleaseSql.LOCK_RELEASES);
    HOT.put("RELEASES_BY_IDS", ReleaseSql.RELEASES_BY_IDS);
    HOT.put("RELEASE_BY_ID", ReleaseSql.RELEASE_BY_ID);
    HOT.put("ACTIVE_OF_PRODUCTS", ReleaseSql.ACTIVE_OF_PRODUCTS);
    HOT.put("UPDATE_RELEASES", ReleaseSql.UPDATE_RELEASES);
    HOT.put("UPDATE_STEPS", ReleaseSql.UPDATE_STEPS);
    HOT.put("CLAIM", ReleaseSql.CLAIM);
    HOT.put("WORK_OF", ReleaseSql.WORK_OF);
    HOT.put("IS_CURRENT", ReleaseSql.IS_CURRENT);
    HOT.put("RENEW_LEASE", ReleaseSql.RENEW_LEASE);
    HOT.put("PAST_DEADLINE", ReleaseSql.PAST_DEADLINE);
    HOT.put("EVENTS_AFTER", ReleaseSql.EVENTS_AFTER);
    HOT.put("EVENTS_OF_RELEASE_AFTER", ReleaseSql.EVENTS_OF_RELEASE_AFTER);
    HOT.put("LATEST_SETTLED_EVENT", ReleaseSql.LATEST_SETTLED_EVENT);
    HOT.put("GATES_OF", ReleaseSql.GATES_OF);
    HOT.put("GATES_OF_STEPS", ReleaseSql.GATES_OF_STEPS);
    HOT.put("UPDATE_GATES", ReleaseSql.UPDATE_GATES);
    HOT.put("CLAIM_GATES", ReleaseSql.CLAIM_GATES);
    HOT.put("APPROVALS_OF_STEPS", ReleaseSql.APPROVALS_OF_STEPS);
    HOT.put("HOLD_SUBJECTS_OF", ReleaseSql.HOLD_SUBJECTS_OF);
    HOT.put("HELD_DUE", ReleaseSql.HELD_DUE);
    HOT.put("RELEASE_WITH_STEPS_BY_ID", ReleaseSql.RELEASE_WITH_STEPS_BY_ID);
    HOT.put("PAGE", ReleaseSql.page(false, false, false, false));
    HOT.put("PAGE_WITH_STEPS", ReleaseSql.pageWithSteps(false, false, false, false));
  }

  @Test
  void plans_made_on_the_empty_tables_read_whole_tables_after_they_grow_until_analyzed()
      throws Exception {
    DatabaseUrl url = migrated();
    try (Connection session = connect(url)) {
      prepareAll(session);
      grow(url, 20_000);

      assertThat(wholeTableScans(session))
          .as("the mechanism: generic plans made on empty tables, kept until they are analyzed")
          .contains("STEPS_OF: ", "UPDATE_STEPS: ", "LOCK_RELEASES: ");
    }
  }

  @Test
  void once_the_tables_grow_baton_analyzes_them_and_no_hot_statement_reads_a_whole_table()
      throws Exception {
    DatabaseUrl url = migrated();
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(url.connectOptions()).using(vertx).build();
    try (Connection session = connect(url)) {
      prepareAll(session);
      grow(url, 20_000);

      List<String> analyzed =
          TableStatisticsAccess.analyzeGrown(vertx, pool)
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);

      assertThat(analyzed).contains("release", "release_step", "release_event");
      assertThat(wholeTableScans(session)).isEmpty();
    } finally {
      pool.close();
      vertx.close();
    }
  }

  /**
   * A database just migrated, autovacuum off for the release tables so that only what the test does
   * analyzes them.
   */
  private static DatabaseUrl migrated() throws SQLException {
    DatabaseUrl url = TestPostgres.newDatabase();
    Migrations.migrate(url);
    try (Connection db = connect(url);
        Statement sql = db.createStatement()) {
      for (String table : List.of("release", "release_step", "release_event")) {
        sql.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
      }
    }
    return url;
  }

  private static Connection connect(DatabaseUrl url) throws SQLException {
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  /**
   * Prepares every hot statement in this session and makes its generic plan, as the engine's
   * connections do in their first seconds.
   */
  private static void prepareAll(Connection session) throws SQLException {
    try (Statement sql = session.createStatement()) {
      sql.execute("SET plan_cache_mode = force_generic_plan");
      for (Map.Entry<String, String> hot : HOT.entrySet()) {
        sql.execute("PREPARE " + hot.getKey() + " AS " + hot.getValue());
        explain(sql, hot.getKey());
      }
    }
  }

  /** Finished releases of three steps with their events, as the engine writes them. */
  private static void grow(DatabaseUrl url, int releases) throws SQLException {
    try (Connection db = connect(url);
        Statement sql = db.createStatement()) {
      sql.execute(
          """
          INSERT INTO environment (name, position) VALUES ('dev', 0), ('qa', 1), ('prod', 2);
          INSERT INTO product (name) SELECT 'p' || g FROM generate_series(1, 20) g;
          INSERT INTO application (name, product_id, environment_id, repo_url)
          SELECT p.name || '-' || e.name, p.id, e.id, 'file:///x.git' FROM product p, environment e;
          INSERT INTO release (product_id, flow_name, status, timeout_ms, created_at, started_at,
                               finished_at, deadline_at)
          SELECT (g %% 20) + 1, 'f', 'SUCCEEDED', 3600000, now(), now(), now(), now()
          FROM generate_series(1, %d) g;
          INSERT INTO release_step (release_id, environment_id, position, depends_on, action,
                                    application_id, status, commit_sha)
          SELECT r.id, a.environment_id, e.position, '{}', 'COMMIT', a.id, 'SUCCEEDED', md5(r.id::text)
          FROM release r JOIN application a ON a.product_id = r.product_id
          JOIN environment e ON e.id = a.environment_id;
          INSERT INTO release_event (at, release_id, product_id, environment_id, status)
          SELECT now(), s.release_id, r.product_id, s.environment_id, v.status
          FROM release_step s JOIN release r ON r.id = s.release_id,
               (VALUES ('PENDING'), ('RUNNING'), ('SUCCEEDED')) v(status)"""
              .formatted(releases));
    }
  }

  /**
   * Each hot statement's sequential scans of release, release_step or release_event (the tables the
   * test grows), one line each, as this session would run it now.
   */
  private static String wholeTableScans(Connection session) throws SQLException {
    StringBuilder scans = new StringBuilder();
    try (Statement sql = session.createStatement()) {
      for (String name : HOT.keySet()) {
        explain(sql, name)
            .lines()
            .filter(l -> l.matches(".*Seq Scan on release(_step|_event)? .*"))
            .forEach(l -> scans.append(name).append(": ").append(l.trim()).append('\n'));
      }
    }
    return scans.toString();
  }

  /** The plan of a prepared statement, with nulls for its parameters. */
  private static String explain(Statement sql, String name) throws SQLException {
    int parameters;
    try (ResultSet rows =
        sql.executeQuery(
            "SELECT cardinality(parameter_types) FROM pg_prepared_statements WHERE name = '"
                + name.toLowerCase()
                + "'")) {
      rows.next();
      parameters = rows.getInt(1);
    }
    StringBuilder explain = new StringBuilder("EXPLAIN EXECUTE " + name);
    if (parameters > 0) {
      explain.append("(NULL").append(", NULL".repeat(parameters - 1)).append(')');
    }
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = sql.executeQuery(explain.toString())) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
