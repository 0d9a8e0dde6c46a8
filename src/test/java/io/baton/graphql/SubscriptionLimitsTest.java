package io.baton.graphql;

import static io.baton.testing.GraphqlWebSocketClient.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.auth.SignInThrottle;
import io.baton.testing.GraphqlWebSocketClient;
import io.baton.testing.Poll;
import io.baton.testing.ReleasedWorld;
import io.baton.testing.TestServer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One reader cannot take the server down: what one socket may hold, and a reader too slow. */
class SubscriptionLimitsTest {
  /** The cursor before every event. */
  private static final String EARLIEST =
      Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString("e:0:0".getBytes(StandardCharsets.UTF_8));

  private static final String REPLAY =
      "subscription($after: String) { releaseEvents(after: $after) { cursor status } }";

  private static TestServer server;
  private static String viewerToken;

  @BeforeAll
  static void start() {
    server = ReleasedWorld.start();
    ReleasedWorld.release(server);
    viewerToken =
        server
            .data("mutation { createApiToken(input: {name: \"reader\", role: VIEWER}) { token } }")
            .getJsonObject("createApiToken")
            .getString("token");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void two_thousand_replays_on_one_socket_past_the_cap_get_limit_exceeded_and_health_stays_up() {
    int cap = GraphqlWebSocketHandler.Limits.DEFAULTS.maxOperations();
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(server.port(), viewerToken)) {
      for (int i = 0; i < 2_000; i++) {
        client.send(subscribe("s" + i, REPLAY, new JsonObject().put("after", EARLIEST)));
      }

      Poll.until(
          () -> client.messages().stream().filter(m -> "error".equals(m.getString("type"))).count(),
          errors -> errors >= 2_000 - cap,
          Duration.ofSeconds(30),
          "an error for each subscription past the cap");
      assertThat(server.get("/health").statusCode()).isEqualTo(200);

      List<JsonObject> errors =
          client.messages().stream().filter(m -> "error".equals(m.getString("type"))).toList();
      assertThat(errors).hasSize(2_000 - cap);
      JsonObject first = errors.get(0).getJsonArray("payload").getJsonObject(0);
      assertThat(first.getJsonObject("extensions").getString("code")).isEqualTo("LIMIT_EXCEEDED");
      assertThat(first.getString("message")).contains(Integer.toString(cap));
      assertThat(errors.stream().map(e -> e.getString("id"))).doesNotContain("s0", "s" + (cap - 1));
      client.await(
          m -> "next".equals(m.getString("type")) && ("s" + (cap - 1)).equals(m.getString("id")),
          Duration.ofSeconds(20));
    }
    assertThat(server.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void a_completed_subscription_frees_its_place_under_the_cap() {
    int cap = GraphqlWebSocketHandler.Limits.DEFAULTS.maxOperations();
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(server.port(), viewerToken)) {
      for (int i = 0; i < cap; i++) {
        client.send(subscribe("s" + i, REPLAY, new JsonObject()));
      }
      client.send(new JsonObject().put("type", "complete").put("id", "s0"));
      client.send(subscribe("one-more", "{ environments { name } }"));

      JsonObject answer =
          client.await(m -> "one-more".equals(m.getString("id")), Duration.ofSeconds(10));
      assertThat(answer.getString("type")).isEqualTo("next");
    }
  }

  @Test
  void a_reader_that_never_reads_is_closed_and_what_it_leaves_waiting_stays_bounded()
      throws Exception {
    GraphqlWebSocketHandler.Limits limits =
        new GraphqlWebSocketHandler.Limits(
            Duration.ofSeconds(3), Duration.ofSeconds(30), 100, 256 * 1024, Duration.ofSeconds(2));
    GraphqlWebSocketHandler handler = handler(limits);
    HttpServer own = serve(handler);
    String padding = "x".repeat(30_000);
    try (RawWebSocket reader =
        RawWebSocket.connect(
            own.actualPort(), "/graphql", GraphqlWebSocketHandler.SUBPROTOCOL, 4096)) {
      reader.sendTogether(GraphqlWebSocketClient.init(viewerToken).encode());
      assertThat(reader.next().text()).contains("connection_ack");
      String ping =
          new JsonObject()
              .put("type", "ping")
              .put("payload", new JsonObject().put("pad", padding))
              .encode();
      long sent = 0;
      while (handler.connections() > 0 && sent < 100L << 20 && reader.trySend(ping, ping, ping)) {
        sent += 3L * ping.length();
      }

      Poll.until(
          handler::connections, n -> n == 0, Duration.ofSeconds(10), "the socket to be closed");
      assertThat(sent).as("bytes of pings sent before the server closed").isLessThan(32L << 20);
      assertThat(reader.readsToTheEnd(Duration.ofSeconds(30)))
          .as("bytes the server had sent before it closed the socket")
          .isLessThan(sent);
    } finally {
      own.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static GraphqlWebSocketHandler handler(GraphqlWebSocketHandler.Limits limits) {
    GraphqlFactory factory = new GraphqlFactory(server.baton().services());
    return new GraphqlWebSocketHandler(
        server.baton().vertx(),
        new GraphqlHttpHandler(factory.build(), factory),
        server.baton().services().tokens(),
        new SignInThrottle(Clock.systemUTC()),
        List.of(),
        limits);
  }

  private static HttpServer serve(GraphqlWebSocketHandler handler) throws Exception {
    Router router = Router.router(server.baton().vertx());
    router.get("/graphql").handler(handler::handle);
    return server
        .baton()
        .vertx()
        .createHttpServer(
            new HttpServerOptions()
                .setWebSocketSubProtocols(List.of(GraphqlWebSocketHandler.SUBPROTOCOL)))
        .requestHandler(router)
        .listen(0)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }
}
