package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.db.DatabaseUrl;
import io.baton.testing.Poll;
import io.baton.testing.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL of its own, stopped under a running Baton and started again: /health must say what
 * the database does, on every request.
 */
class HealthWhileDatabaseDownTest {
  private static final int REQUESTS = 40;

  @Test
  void health_answers_503_on_every_request_while_postgresql_is_stopped_and_200_once_it_is_back()
      throws Exception {
    Path pgData = Files.createTempDirectory("baton-health-pg");
    int port = freePort();
    DatabaseUrl url = new DatabaseUrl("localhost", port, "postgres", "postgres", null);
    EmbeddedPostgres first = postgresOn(pgData, port);
    try (TestServer server = TestServer.start(url, Clock.systemUTC(), false)) {
      assertThat(statusesOfHealth(server, 1)).containsOnly(200);

      // SIGTERM, as systemd or `pg_ctl stop -m smart` stops it: new connections are refused at
      // once, while the sessions Baton already holds keep working until they end.
      signal(postmasterPid(pgData), "TERM");
      Poll.until(
          () -> acceptsConnections(url), accepts -> !accepts, Duration.ofSeconds(10), "refusal");
      assertThat(statusesOfHealth(server, REQUESTS))
          .as("/health while PostgreSQL is shutting down")
          .containsOnly(503);

      first.close();
      assertThat(statusesOfHealth(server, REQUESTS))
          .as("/health once PostgreSQL is gone")
          .containsOnly(503);

      try (EmbeddedPostgres second = postgresOn(pgData, port)) {
        Poll.until(
            () -> server.get("/health").statusCode(),
            status -> status == 200,
            Duration.ofSeconds(30),
            "/health to answer 200 once PostgreSQL is back");
      }
    } finally {
      first.close();
    }
  }

  private static List<Integer> statusesOfHealth(TestServer server, int requests) {
    return IntStream.range(0, requests).mapToObj(i -> server.get("/health").statusCode()).toList();
  }

  private static EmbeddedPostgres postgresOn(Path pgData, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static boolean acceptsConnections(DatabaseUrl url) {
    try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), null)) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static long postmasterPid(Path pgData) throws IOException {
    return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
  }

  private static void signal(long pid, String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
