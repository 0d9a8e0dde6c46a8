package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.testing.GraphqlWebSocketClient;
import io.baton.testing.Poll;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold a connection without using it lose it: half-sent requests and idle keep-alive
 * connections are closed after the header timeout, while a quiet WebSocket stays open past the idle
 * timeout.
 */
class HttpTimeoutsTest {
  private static final Duration HEADER_TIMEOUT = Duration.ofMillis(500);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
  private static final Pattern ACTIVE_REQUESTS =
      Pattern.compile("(?m)^vertx_http_server_active_requests(\\{[^}]*})? ([0-9.eE+-]+)$");

  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of(
                "BATON_HTTP_HEADER_TIMEOUT", HEADER_TIMEOUT.toString(),
                "BATON_HTTP_IDLE_TIMEOUT", IDLE_TIMEOUT.toString()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void half_sent_requests_are_closed_after_the_header_timeout_and_active_requests_drop_back() {
    double before = activeRequests();
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        sockets.add(open("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Half: "));
        sockets.add(
            open(
                "POST /graphql HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer "
                    + TestServer.ADMIN_TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                    + "{\"query\": \"{ __typ"));
      }
      Poll.until(
          HttpTimeoutsTest::activeRequests,
          active -> active >= before + 20,
          Duration.ofSeconds(10),
          "the half-sent bodies to count as active requests");

      for (Socket socket : sockets) {
        assertThat(closedByServer(socket, Duration.ofSeconds(10))).isTrue();
      }
      Poll.until(
          HttpTimeoutsTest::activeRequests,
          active -> active <= before,
          Duration.ofSeconds(10),
          "the active requests to drop back to " + before);
    } finally {
      sockets.forEach(HttpTimeoutsTest::close);
    }
  }

  @Test
  void an_idle_keep_alive_connection_is_closed_after_the_header_timeout() {
    Socket socket = open("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
    try {
      assertThat(closedByServer(socket, Duration.ofSeconds(10))).isTrue();
    } finally {
      close(socket);
    }
  }

  @Test
  void a_quiet_subscription_outlives_the_idle_timeout() {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(server.port(), TestServer.ADMIN_TOKEN)) {
      client.send(
          GraphqlWebSocketClient.subscribe(
              "quiet", "subscription { releaseEvents { cursor } }", new JsonObject()));

      assertThatThrownBy(() -> client.awaitClose(IDLE_TIMEOUT.multipliedBy(3)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("was not closed");
      client.send(new JsonObject().put("type", "ping"));
      assertThat(client.expectMessage("pong").getString("type")).isEqualTo("pong");
    }
  }

  /** The sum of the server's active-requests gauges, as /metrics tells them. */
  private static double activeRequests() {
    Matcher gauge = ACTIVE_REQUESTS.matcher(server.get("/metrics").body());
    double sum = 0;
    while (gauge.find()) {
      sum += Double.parseDouble(gauge.group(2));
    }
    return sum - 1; // the scrape itself is one
  }

  private static Socket open(String sent) {
    try {
      Socket socket = new Socket("localhost", server.port());
      socket.setSoTimeout(200);
      socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the server closes the connection within {@code timeout} (what it sent is skipped). */
  private static boolean closedByServer(Socket socket, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buffer = new byte[4096];
    try {
      InputStream in = socket.getInputStream();
      while (System.nanoTime() < deadline) {
        try {
          if (in.read(buffer) < 0) {
            return true;
          }
        } catch (SocketTimeoutException e) {
          // still open: look again
        }
      }
      return false;
    } catch (SocketException e) {
      return true; // reset by the server
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // the test is over
    }
  }
}
