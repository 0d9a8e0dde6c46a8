package io.baton.graphql;

import static io.baton.testing.GraphqlWebSocketClient.init;
import static io.baton.testing.GraphqlWebSocketClient.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.auth.SignInThrottle;
import io.baton.testing.GraphqlWebSocketClient;
import io.baton.testing.TestServer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GraphQL over WebSocket, rule by rule as the graphql-transport-ws specification states them (not
 * as any library behaves), plus Baton's own rules: the token in connection_init and the Origin
 * check.
 */
class GraphqlWebSocketProtocolTest {
  private static final String ALLOWED_ORIGIN = "https://baton.example.com";
  private static final Duration SHORT_INIT_TIMEOUT = Duration.ofMillis(300);

  private static TestServer server;
  private static URI socketUri;
  private static String viewerToken;
  private static HttpServer impatientServer;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            Map.of("BATON_ALLOWED_ORIGINS", ALLOWED_ORIGIN + ", https://other.example.com"));
    socketUri = GraphqlWebSocketClient.uri(server.port());
    viewerToken =
        server
            .data("mutation { createApiToken(input: {name: \"watcher\", role: VIEWER}) { token } }")
            .getJsonObject("createApiToken")
            .getString("token");
    impatientServer = startImpatientServer();
  }

  /**
   * The same handler as Baton's, on its own port, with an initialisation timeout a test can wait
   * out.
   */
  private static HttpServer startImpatientServer() throws Exception {
    GraphqlFactory factory = new GraphqlFactory(server.baton().services());
    GraphqlWebSocketHandler handler =
        new GraphqlWebSocketHandler(
            server.baton().vertx(),
            new GraphqlHttpHandler(factory.build(), factory),
            server.baton().services().tokens(),
            new SignInThrottle(Clock.systemUTC()),
            List.of(),
            SHORT_INIT_TIMEOUT);
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

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void closes_with_4408_when_no_connection_init_arrives_within_the_timeout() {
    URI impatient = GraphqlWebSocketClient.uri(impatientServer.actualPort());
    try (GraphqlWebSocketClient client = GraphqlWebSocketClient.connect(impatient)) {
      long started = System.nanoTime();
      GraphqlWebSocketClient.Closed closed = client.expectClose();
      assertThat(closed.code()).isEqualTo(4408);
      assertThat(closed.reason()).isEqualTo("Connection initialisation timeout");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(SHORT_INIT_TIMEOUT.minusMillis(50));
    }
  }

  @Test
  void an_acknowledged_connection_is_not_closed_by_the_initialisation_timeout() {
    URI impatient = GraphqlWebSocketClient.uri(impatientServer.actualPort());
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(impatient, viewerToken)) {
      long deadline = System.nanoTime() + SHORT_INIT_TIMEOUT.multipliedBy(3).toNanos();
      int round = 0;
      while (System.nanoTime() < deadline) {
        client.send(
            new JsonObject()
                .put("type", "ping")
                .put("payload", new JsonObject().put("round", ++round)));
        assertThat(client.expectMessage("pong").getJsonObject("payload").getInteger("round"))
            .isEqualTo(round);
      }
    }
  }

  @Test
  void acknowledges_a_connection_init_with_a_viewer_token() {
    try (GraphqlWebSocketClient client = GraphqlWebSocketClient.connect(socketUri)) {
      client.send(init(viewerToken));
      assertThat(client.expectMessage("connection_ack").getString("type"))
          .isEqualTo("connection_ack");
    }
  }

  @Test
  void closes_with_4403_when_connection_init_carries_no_token() {
    try (GraphqlWebSocketClient client = GraphqlWebSocketClient.connect(socketUri)) {
      client.send(new JsonObject().put("type", "connection_init"));
      assertThat(client.expectClose().code()).isEqualTo(4403);
    }
  }

  @Test
  void closes_with_4403_when_the_token_is_wrong() {
    try (GraphqlWebSocketClient client = GraphqlWebSocketClient.connect(socketUri)) {
      client.send(init("not-a-token"));
      GraphqlWebSocketClient.Closed closed = client.expectClose();
      assertThat(closed.code()).isEqualTo(4403);
      assertThat(closed.reason()).doesNotContain("not-a-token");
    }
  }

  @Test
  void repeated_wrong_tokens_from_one_address_get_their_4403_later_and_later() {
    long[] millis = new long[8];
    for (int i = 0; i < millis.length; i++) {
      try (GraphqlWebSocketClient client = GraphqlWebSocketClient.connect(socketUri)) {
        long started = System.nanoTime();
        client.send(init("guess-" + i));
        assertThat(client.expectClose().code()).isEqualTo(4403);
        millis[i] = Duration.ofNanos(System.nanoTime() - started).toMillis();
      }
    }
    assertThat(millis[7]).as("the eighth failure in a row, in ms").isGreaterThanOrEqualTo(350);
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(socketUri, viewerToken)) {
      client.send(new JsonObject().put("type", "ping"));
      client.expectMessage("pong");
    }
  }

  @Test
  void closes_with_4403_once_the_token_of_an_open_socket_is_revoked() {
    JsonObject created =
        server
            .data(
                "mutation { createApiToken(input: {name: \"short-lived\", role: VIEWER}) { token apiToken { id } } }")
            .getJsonObject("createApiToken");
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(socketUri, created.getString("token"))) {
      server.data(
          "mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }",
          Map.of("id", created.getJsonObject("apiToken").getString("id")));
      assertThat(client.expectClose().code()).isEqualTo(4403);
    }
  }

  @Test
  void closes_with_4401_on_a_subscribe_before_the_connection_is_acknowledged() {
    try (GraphqlWebSocketClient client = GraphqlWebSocketClient.connect(socketUri)) {
      client.send(subscribe("1", "{ __typename }"));
      GraphqlWebSocketClient.Closed closed = client.expectClose();
      assertThat(closed.code()).isEqualTo(4401);
      assertThat(closed.reason()).isEqualTo("Unauthorized");
    }
  }

  @Test
  void closes_with_4429_on_a_second_connection_init() {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(socketUri, viewerToken)) {
      client.send(init(viewerToken));
      GraphqlWebSocketClient.Closed closed = client.expectClose();
      assertThat(closed.code()).isEqualTo(4429);
      assertThat(closed.reason()).isEqualTo("Too many initialisation requests");
    }
  }

  @Test
  void closes_with_4409_when_a_subscribe_reuses_the_id_of_an_operation_still_running() {
    try (RawWebSocket raw =
        RawWebSocket.connect(server.port(), "/graphql", GraphqlWebSocketHandler.SUBPROTOCOL)) {
      raw.sendTogether(init(viewerToken).encode());
      assertThat(new JsonObject(raw.next().text()).getString("type")).isEqualTo("connection_ack");

      String query = subscribe("same", "{ environments { name } }").encode();
      raw.sendTogether(query, query);

      RawWebSocket.Frame frame = raw.next();
      while (!frame.close()) {
        assertThat(new JsonObject(frame.text()).getString("type")).isIn("next", "complete");
        frame = raw.next();
      }
      assertThat(frame.code()).isEqualTo(4409);
      assertThat(frame.text()).isEqualTo("Subscriber for same already exists");
    }
  }

  @Test
  void closes_with_4409_when_a_subscribe_reuses_the_id_of_a_live_subscription() {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(socketUri, viewerToken)) {
      client.send(subscribe("live", "subscription { releaseEvents { cursor } }"));
      client.send(new JsonObject().put("type", "ping"));
      client.expectMessage("pong");

      client.send(subscribe("live", "subscription { releaseEvents { cursor } }"));
      GraphqlWebSocketClient.Closed closed = client.expectClose();
      assertThat(closed.code()).isEqualTo(4409);
      assertThat(closed.reason()).isEqualTo("Subscriber for live already exists");
    }
  }

  @Test
  void accepts_the_id_of_a_subscription_again_once_the_client_completed_it() {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(socketUri, viewerToken)) {
      client.send(subscribe("live", "subscription { releaseEvents { cursor } }"));
      client.send(new JsonObject().put("type", "complete").put("id", "live"));
      client.send(subscribe("live", "subscription { releaseEvents { cursor } }"));
      client.send(
          new JsonObject()
              .put("type", "ping")
              .put("payload", new JsonObject().put("still", "open")));
      assertThat(client.expectMessage("pong").getJsonObject("payload").getString("still"))
          .isEqualTo("open");
    }
  }

  @Test
  void
      an_id_reused_after_the_client_completed_it_gets_the_new_operation_result_not_the_cancelled_one() {
    try (RawWebSocket raw =
        RawWebSocket.connect(server.port(), "/graphql", GraphqlWebSocketHandler.SUBPROTOCOL)) {
      raw.sendTogether(init(viewerToken).encode());
      assertThat(new JsonObject(raw.next().text()).getString("type")).isEqualTo("connection_ack");

      raw.sendTogether(
          subscribe("q", "{ cancelled: __typename }").encode(),
          new JsonObject().put("type", "complete").put("id", "q").encode(),
          subscribe("q", "{ wanted: environments { name } }").encode());

      JsonObject next = new JsonObject(raw.next().text());
      assertThat(next.getString("type")).isEqualTo("next");
      assertThat(next.getJsonObject("payload").getJsonObject("data").fieldNames())
          .containsExactly("wanted");
      assertThat(new JsonObject(raw.next().text()).getString("type")).isEqualTo("complete");
    }
  }

  @Test
  void accepts_an_id_again_once_its_operation_has_completed() {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(socketUri, viewerToken)) {
      for (int i = 0; i < 2; i++) {
        client.send(subscribe("again", "{ __typename }"));
        assertThat(client.expectMessage("next").getString("id")).isEqualTo("again");
        assertThat(client.expectMessage("complete").getString("id")).isEqualTo("again");
      }
    }
  }

  static Stream<Arguments> malformedMessages() {
    return Stream.of(
        Arguments.of("text that is not JSON", "{\"type\": \"subscribe\""),
        Arguments.of("a JSON array", "[\"ping\"]"),
        Arguments.of("an object without a type", "{\"payload\": {}}"),
        Arguments.of("a type that is not a string", "{\"type\": 1}"),
        Arguments.of("an unknown type", "{\"type\": \"start\", \"id\": \"1\"}"),
        Arguments.of("an unknown type with a long name", "{\"type\": \"" + "x".repeat(300) + "\"}"),
        Arguments.of(
            "a message only a server sends",
            "{\"type\": \"next\", \"id\": \"1\", \"payload\": {}}"),
        Arguments.of(
            "a subscribe without an id",
            "{\"type\": \"subscribe\", \"payload\": {\"query\": \"{ __typename }\"}}"),
        Arguments.of(
            "a subscribe with an empty id",
            "{\"type\": \"subscribe\", \"id\": \"\", \"payload\": {\"query\": \"{ __typename }\"}}"),
        Arguments.of("a subscribe without a payload", "{\"type\": \"subscribe\", \"id\": \"1\"}"),
        Arguments.of(
            "a subscribe without a query",
            "{\"type\": \"subscribe\", \"id\": \"1\", \"payload\": {}}"),
        Arguments.of(
            "a subscribe whose query is not a string",
            "{\"type\": \"subscribe\", \"id\": \"1\", \"payload\": {\"query\": 42}}"),
        Arguments.of(
            "a subscribe whose variables are a list",
            "{\"type\": \"subscribe\", \"id\": \"1\", \"payload\": {\"query\": \"{ __typename }\", \"variables\": []}}"),
        Arguments.of(
            "a subscribe whose extensions are a string",
            "{\"type\": \"subscribe\", \"id\": \"1\", \"payload\": {\"query\": \"{ __typename }\", \"extensions\": \"x\"}}"),
        Arguments.of(
            "a subscribe whose operationName is a number",
            "{\"type\": \"subscribe\", \"id\": \"1\", \"payload\": {\"query\": \"{ __typename }\", \"operationName\": 7}}"),
        Arguments.of(
            "a ping whose payload is not an object",
            "{\"type\": \"ping\", \"payload\": \"hello\"}"),
        Arguments.of("a complete without an id", "{\"type\": \"complete\"}"));
  }

  @ParameterizedTest(name = "closes with 4400 on {0}")
  @MethodSource("malformedMessages")
  void closes_with_4400_on_a_malformed_message(String what, String message) {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(socketUri, viewerToken)) {
      client.sendText(message);
      GraphqlWebSocketClient.Closed closed = client.expectClose();
      assertThat(closed.code()).as(what).isEqualTo(4400);
      assertThat(closed.reason()).as(what).startsWith("Invalid message");
    }
  }

  @Test
  void closes_with_4400_on_a_malformed_message_even_before_connection_init() {
    try (GraphqlWebSocketClient client = GraphqlWebSocketClient.connect(socketUri)) {
      client.sendText("not json at all");
      assertThat(client.expectClose().code()).isEqualTo(4400);
    }
  }

  @Test
  void answers_a_ping_with_a_pong_that_echoes_its_payload() {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(socketUri, viewerToken)) {
      JsonObject payload = new JsonObject().put("sent", "2026-01-01T00:00:00Z").put("n", 7);
      client.send(new JsonObject().put("type", "ping").put("payload", payload));
      assertThat(client.expectMessage("pong").getJsonObject("payload")).isEqualTo(payload);
    }
  }

  @Test
  void answers_a_ping_without_payload_with_a_pong_without_payload_even_before_connection_init() {
    try (GraphqlWebSocketClient client = GraphqlWebSocketClient.connect(socketUri)) {
      client.send(new JsonObject().put("type", "ping"));
      assertThat(client.expectMessage("pong").containsKey("payload")).isFalse();
    }
  }

  @Test
  void a_query_over_the_socket_yields_next_with_its_result_then_complete() {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(socketUri, viewerToken)) {
      client.send(subscribe("q1", "{ environments { name } }"));
      JsonObject next = client.expectMessage("next");
      assertThat(next.getString("id")).isEqualTo("q1");
      assertThat(next.getJsonObject("payload").getJsonObject("data").getJsonArray("environments"))
          .isNotNull();
      assertThat(client.expectMessage("complete").getString("id")).isEqualTo("q1");
    }
  }

  @Test
  void an_invalid_operation_gets_an_error_message_whose_payload_is_an_array_of_graphql_errors() {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(socketUri, viewerToken)) {
      client.send(subscribe("bad", "{ noSuchField }"));
      JsonObject error = client.expectMessage("error");
      assertThat(error.getString("id")).isEqualTo("bad");
      JsonArray errors = error.getJsonArray("payload");
      assertThat(errors).isNotEmpty();
      assertReadable(errors, "BAD_USER_INPUT");
      assertThat(errors.getJsonObject(0).getString("message")).contains("noSuchField");
    }
  }

  @Test
  void a_syntax_error_gets_an_error_message_with_bad_user_input_and_no_java_internals() {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(socketUri, viewerToken)) {
      client.send(subscribe("syntax", "{ environments { name "));
      assertReadable(client.expectMessage("error").getJsonArray("payload"), "BAD_USER_INPUT");
    }
  }

  @Test
  void a_mutation_beyond_the_viewer_role_is_refused_with_forbidden_and_creates_nothing() {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.acknowledged(socketUri, viewerToken)) {
      client.send(
          subscribe("m", "mutation { createEnvironment(input: {name: \"ws-made\"}) { name } }"));
      JsonObject next = client.expectMessage("next");
      assertReadable(next.getJsonObject("payload").getJsonArray("errors"), "FORBIDDEN");
      client.expectMessage("complete");
    }
    assertThat(server.data("{ environment(name: \"ws-made\") { name } }").getValue("environment"))
        .isNull();
  }

  private static void assertReadable(JsonArray errors, String code) {
    for (Object each : errors) {
      JsonObject error = (JsonObject) each;
      assertThat(error.getString("message"))
          .isNotBlank()
          .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
      assertThat(error.getJsonObject("extensions").getString("code")).isEqualTo(code);
      assertThat(error.getJsonObject("extensions").containsKey("classification")).isFalse();
    }
  }

  @Test
  void closes_with_4406_a_socket_that_offers_only_another_subprotocol() {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.connect(socketUri, Map.of(), "graphql-ws")) {
      assertThat(client.expectClose().code()).isEqualTo(4406);
    }
  }

  @Test
  void refuses_a_cross_site_upgrade_from_a_foreign_origin() {
    assertThat(
            GraphqlWebSocketClient.refusedUpgradeStatus(
                socketUri, Map.of("Origin", "https://evil.example.net")))
        .isEqualTo(403);
  }

  @Test
  void refuses_an_origin_that_only_shares_the_port_or_a_prefix_with_an_allowed_one() {
    assertThat(
            GraphqlWebSocketClient.refusedUpgradeStatus(
                socketUri, Map.of("Origin", "http://evil.example.net:" + server.port())))
        .isEqualTo(403);
    assertThat(
            GraphqlWebSocketClient.refusedUpgradeStatus(
                socketUri, Map.of("Origin", ALLOWED_ORIGIN + ".evil.example.net")))
        .isEqualTo(403);
  }

  @Test
  void accepts_an_upgrade_from_the_same_origin() {
    try (GraphqlWebSocketClient client =
        GraphqlWebSocketClient.connect(
            socketUri, Map.of("Origin", "http://localhost:" + server.port()))) {
      client.send(init(viewerToken));
      client.expectMessage("connection_ack");
    }
  }

  @Test
  void accepts_an_upgrade_from_each_origin_configured_in_baton_allowed_origins() {
    for (String origin : List.of(ALLOWED_ORIGIN, "https://other.example.com")) {
      try (GraphqlWebSocketClient client =
          GraphqlWebSocketClient.connect(socketUri, Map.of("Origin", origin))) {
        client.send(init(viewerToken));
        client.expectMessage("connection_ack");
      }
    }
  }
}
