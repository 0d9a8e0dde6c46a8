package io.baton.retention;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Database bytes per release, measured: 20,000 finished releases shaped like the benchmark's (three
 * steps that committed, eleven events) written straight into a real PostgreSQL, the size of their
 * tables and indexes per release, then retention deleting them in batches of 500.
 */
class BytesPerReleaseTest {
  private static final int RELEASES = 20_000;

  /** The release tables with their indexes and TOAST: what a release costs on disk. */
  private static final String RELEASE_BYTES =
      "SELECT sum(pg_total_relation_size(t))::bigint FROM unnest(ARRAY['release', 'release_step',"
          + " 'release_event', 'release_gate']::regclass[]) t";

  @Test
  void a_release_of_three_steps_and_eleven_events_takes_under_5_kb_and_retention_deletes_it()
      throws Exception {
    try (TestServer server = TestServer.start(Map.of());
        Connection db =
            DriverManager.getConnection(
                server.database().jdbcUrl(),
                server.database().user(),
                server.database().password());
        Statement sql = db.createStatement()) {
      for (String env : List.of("dev", "qa", "prod")) {
        server.data(
            "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
            Map.of("n", env));
      }
      server.data("mutation { createProduct(input: {name: \"shop\"}) { name } }");
      for (String env : List.of("dev", "qa", "prod")) {
        server.data(
            "mutation($n: String!, $e: String!) { createApplication(input: {name: $n, product:"
                + " \"shop\", environment: $e, repoUrl: \"file:///x.git\"}) { name } }",
            Map.of("n", "shop-" + env, "e", env));
      }
      sql.execute("VACUUM FULL release, release_step, release_event, release_gate");
      long before = value(sql, RELEASE_BYTES);
      write(sql);
      sql.execute("VACUUM ANALYZE release, release_step, release_event, release_gate");
      long bytes = value(sql, RELEASE_BYTES) - before;
      long perRelease = bytes / RELEASES;

      Vertx vertx = Vertx.vertx();
      Pool pool =
          PgBuilder.pool().connectingTo(server.database().connectOptions()).using(vertx).build();
      Retention retention =
          new Retention(
              vertx,
              pool,
              Clock.systemUTC(),
              new RetentionPolicy(
                  Optional.empty(), OptionalInt.of(1), Duration.ofMinutes(10), 500, Duration.ZERO));
      long start = System.nanoTime();
      int batches = 0;
      long slowest = 0;
      int deleted;
      do {
        long batchStart = System.nanoTime();
        deleted =
            retention.deleteBatch().toCompletionStage().toCompletableFuture().get(60, SECONDS);
        slowest = Math.max(slowest, System.nanoTime() - batchStart);
        batches++;
      } while (deleted > 0);
      long millis = (System.nanoTime() - start) / 1_000_000;
      long left = value(sql, "SELECT count(*) FROM release");
      pool.close();
      vertx.close();

      System.out.printf(
          "bytes per release: %,d (%,d releases, 3 steps and 11 events each: %,d bytes in release,"
              + " release_step, release_event, release_gate with indexes); retention deleted them"
              + " in %,d ms, %d batches of 500, slowest batch %,d ms%n",
          perRelease, RELEASES, bytes, millis, batches - 1, slowest / 1_000_000);
      assertThat(perRelease).isBetween(500L, 5_000L);
      assertThat(left).as("the newest release stays (keep 1)").isEqualTo(1);
      assertThat(value(sql, "SELECT count(*) FROM release_event")).isEqualTo(11);
    }
  }

  /** Finished releases of shop: QUEUED, RUNNING, then per step PENDING-RUNNING-SUCCEEDED events. */
  private static void write(Statement sql) throws SQLException {
    sql.execute(
        """
        INSERT INTO release (product_id, flow_name, source_application_id, trigger_environment_id,
                             source_commit, version, status, message, triggered_by, timeout_ms,
                             created_at, started_at, finished_at, deadline_at)
        SELECT p.id, 'multi-env-sequential-promotion', a.id, a.environment_id,
               md5(g::text) || substr(md5(g::text), 1, 8), '1.' || g || '.0', 'SUCCEEDED',
               'all steps succeeded', 'token:ci', 3600000,
               now() - make_interval(secs => %1$d - g), now() - make_interval(secs => %1$d - g),
               now() - make_interval(secs => %1$d - g), now() + interval '1 hour'
        FROM generate_series(1, %1$d) g, product p
        JOIN application a ON a.product_id = p.id
        JOIN environment e ON e.id = a.environment_id AND e.name = 'dev'
        WHERE p.name = 'shop'"""
            .formatted(RELEASES));
    sql.execute(
        """
        INSERT INTO release_step (release_id, environment_id, position, depends_on, action,
                                  application_id, status, message, commit_sha, version, attempt,
                                  started_at, finished_at)
        SELECT r.id, a.environment_id, e.position, ARRAY[]::bigint[], 'COMMIT', a.id, 'SUCCEEDED',
               'promoted ' || r.version, md5(r.id::text || e.name) || substr(md5(e.name), 1, 8),
               r.version, 1, r.started_at, r.finished_at
        FROM release r, application a
        JOIN (VALUES ('dev', 0), ('qa', 1), ('prod', 2)) e(name, position)
          ON a.name = 'shop-' || e.name""");
    sql.execute(
        """
        INSERT INTO release_event (at, release_id, product_id, environment_id, status,
                                   previous_status, message)
        SELECT r.finished_at, r.id, r.product_id, NULL, v.status, v.previous, NULL
        FROM release r, (VALUES ('QUEUED', NULL), ('RUNNING', 'QUEUED'),
                                ('SUCCEEDED', 'RUNNING')) v(status, previous)
        UNION ALL
        SELECT r.finished_at, r.id, r.product_id, s.environment_id, v.status, v.previous,
               CASE WHEN v.status = 'SUCCEEDED' THEN s.message END
        FROM release r JOIN release_step s ON s.release_id = r.id,
             (VALUES ('PENDING', NULL), ('RUNNING', 'PENDING'),
                     ('SUCCEEDED', 'RUNNING')) v(status, previous)
        WHERE s.environment_id <> r.trigger_environment_id OR v.status <> 'PENDING'""");
  }

  private static long value(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
