package io.baton.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.db.DatabaseUrl;
import io.baton.db.Migrations;
import io.baton.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plans of retention's batch statement, as the prepared-statement cache runs them (generic
 * plans), on a database with a history (30,000 finished releases of three steps, analyzed): a batch
 * reads the old end of release_finished up to its cutoff and the few leased steps, never a whole
 * table, so its cost does not grow with the history.
 */
class RetentionPlanTest {
  private static DatabaseUrl url;

  @BeforeAll
  static void history() throws SQLException {
    url = TestPostgres.newDatabase();
    Migrations.migrate(url);
    try (Connection db = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement sql = db.createStatement()) {
      sql.execute(
          """
          INSERT INTO environment (name, position) VALUES ('dev', 0), ('qa', 1), ('prod', 2);
          INSERT INTO product (name) SELECT 'p' || g FROM generate_series(1, 20) g;
          INSERT INTO application (name, product_id, environment_id, repo_url)
          SELECT p.name || '-' || e.name, p.id, e.id, 'file:///x.git' FROM product p, environment e;
          INSERT INTO release (product_id, flow_name, status, timeout_ms, created_at, started_at,
                               finished_at, deadline_at)
          SELECT (g % 20) + 1, 'f', 'SUCCEEDED', 3600000, t, t, t, t + interval '1 hour'
          FROM generate_series(1, 30000) g,
               LATERAL (SELECT now() - interval '365 days' + g * interval '15 minutes' AS t) t;
          INSERT INTO release_step (release_id, environment_id, position, depends_on, action,
                                    application_id, status, commit_sha, started_at, finished_at)
          SELECT r.id, a.environment_id, e.position, '{}', 'COMMIT', a.id, 'SUCCEEDED',
                 md5(r.id::text || e.name), r.started_at, r.finished_at
          FROM release r JOIN application a ON a.product_id = r.product_id
          JOIN environment e ON e.id = a.environment_id""");
      sql.execute("VACUUM ANALYZE release, release_step, release_event");
    }
  }

  @Test
  void a_batch_by_age_reads_release_finished_only_up_to_its_cutoff() throws SQLException {
    String plan = genericPlan(Retention.deletable(true, false), "500, now() - interval '90 days'");

    assertThat(plan).contains("Index Cond: ((finished_at IS NOT NULL) AND (finished_at < $2))");
  }

  @Test
  void a_batch_looks_up_leased_steps_by_their_index_instead_of_reading_every_step()
      throws SQLException {
    for (String statement :
        new String[] {
          Retention.deletable(true, false),
          Retention.deletable(false, true),
          Retention.deletable(true, true)
        }) {
      String arguments =
          statement.contains("$3")
              ? "500, now() - interval '90 days', 10"
              : statement.contains("finished_at < $2")
                  ? "500, now() - interval '90 days'"
                  : "500, 10";

      String plan = genericPlan(statement, arguments);

      assertThat(plan).doesNotContain("Seq Scan on release_step").contains("release_step_leased");
    }
  }

  /** The plan PostgreSQL makes for the statement once prepared, whatever the arguments. */
  private static String genericPlan(String statement, String arguments) throws SQLException {
    try (Connection db = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement sql = db.createStatement()) {
      sql.execute("SET plan_cache_mode = force_generic_plan");
      sql.execute("PREPARE batch AS " + statement);
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = sql.executeQuery("EXPLAIN EXECUTE batch(" + arguments + ")")) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      return plan.toString();
    }
  }
}
