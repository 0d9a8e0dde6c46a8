package io.baton.auth;

import static io.baton.testing.GraphqlWebSocketClient.subscribe;
import static io.baton.testing.TestServer.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.release.EngineOptions;
import io.baton.release.PromotionAction;
import io.baton.release.SourcePinner;
import io.baton.testing.GraphqlWebSocketClient;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens, roles and the audit log, through the real HTTP and WebSocket endpoints. */
class AuthTest {
  private static TestServer server;
  private static String viewer;
  private static String promoter;

  @BeforeAll
  static void start() {
    SourcePinner pinner =
        (source, template) -> Future.succeededFuture(new SourcePinner.Snapshot("abc", "1.0.0"));
    PromotionAction none =
        request ->
            Future.succeededFuture(new PromotionAction.Result("abc", "1.0.0", false, "no change"));
    server =
        TestServer.start(
            TestPostgres.newDatabase(),
            Clock.systemUTC(),
            false,
            new Baton.Parts(none, pinner, EngineOptions.defaults()));
    viewer = createToken("dashboard", "VIEWER");
    promoter = createToken("ci-pipeline", "PROMOTER");
    for (String env : List.of("dev", "qa")) {
      server.data(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    server.data("mutation { createProduct(input: {name: \"shop\"}) { name } }");
    for (String env : List.of("dev", "qa")) {
      server.data(
          "mutation($n: String!, $e: String!) { createApplication(input: {name: $n, product: \"shop\", "
              + "environment: $e, repoUrl: \"file:///x.git\"}) { name } }",
          Map.of("n", "shop-" + env, "e", env));
    }
    server.data(
        "mutation { createPromotionFlow(input: {name: \"to-qa\", triggerEnvironment: \"dev\", "
            + "steps: [{environment: \"qa\", action: NONE}]}) { name } }");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String createToken(String name, String role) {
    return server
        .data(
            "mutation($n: String!, $r: Role!) { createApiToken(input: {name: $n, role: $r}) { token "
                + "apiToken { name role } } }",
            Map.of("n", name, "r", role))
        .getJsonObject("createApiToken")
        .getString("token");
  }

  @Test
  void without_a_token_or_with_a_wrong_one_graphql_answers_401_unauthenticated() {
    for (String token : new String[] {null, "not-a-real-token"}) {
      HttpResponse<String> response = server.post(token, "{ environments { name } }", Map.of());
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(codeOf(new JsonObject(response.body()))).isEqualTo("UNAUTHENTICATED");
    }
  }

  @Test
  void a_viewer_reads_but_cannot_create_an_environment_or_trigger() {
    assertThat(
            server
                .graphql(viewer, "{ environments { name } }", Map.of())
                .getJsonObject("data")
                .getJsonArray("environments"))
        .isNotEmpty();
    JsonObject create =
        server.graphql(
            viewer,
            "mutation { createEnvironment(input: {name: \"viewer-env\"}) { name } }",
            Map.of());
    assertThat(codeOf(create)).isEqualTo("FORBIDDEN");
    assertThat(TestServer.firstError(create).getString("message"))
        .contains("ADMIN")
        .contains("dashboard");
    JsonObject trigger =
        server.graphql(
            viewer,
            "mutation { triggerPromotionFlow(input: {flow: \"to-qa\", product: \"shop\"}) { id } }",
            Map.of());
    assertThat(codeOf(trigger)).isEqualTo("FORBIDDEN");
    assertThat(
            server.data("{ environment(name: \"viewer-env\") { name } }").getValue("environment"))
        .isNull();
    assertThat(
            server
                .data("{ releases(product: \"shop\") { nodes { triggeredBy } } }")
                .getJsonObject("releases")
                .getJsonArray("nodes")
                .stream()
                .map(n -> ((JsonObject) n).getString("triggeredBy")))
        .doesNotContain("dashboard");
  }

  @Test
  void a_promoter_triggers_and_the_release_names_it_but_cannot_create_a_flow() {
    JsonObject release =
        server
            .graphql(
                promoter,
                "mutation { triggerPromotionFlow(input: {flow: \"to-qa\", "
                    + "product: \"shop\"}) { id triggeredBy } }",
                Map.of())
            .getJsonObject("data")
            .getJsonObject("triggerPromotionFlow");
    assertThat(release.getString("triggeredBy")).isEqualTo("ci-pipeline");
    JsonObject flow =
        server.graphql(
            promoter,
            "mutation { createPromotionFlow(input: {name: \"sneaky\", "
                + "triggerEnvironment: \"dev\", steps: [{environment: \"qa\"}]}) { name } }",
            Map.of());
    assertThat(codeOf(flow)).isEqualTo("FORBIDDEN");
    assertThat(
            server.data("{ promotionFlow(name: \"sneaky\") { name } }").getValue("promotionFlow"))
        .isNull();
  }

  @Test
  void each_token_reads_its_own_name_and_role_with_me() {
    assertThat(server.graphql(viewer, "{ me { name role } }", Map.of()).getJsonObject("data"))
        .isEqualTo(new JsonObject().put("me", Map.of("name", "dashboard", "role", "VIEWER")));
    assertThat(server.graphql(promoter, "{ me { name role } }", Map.of()).getJsonObject("data"))
        .isEqualTo(new JsonObject().put("me", Map.of("name", "ci-pipeline", "role", "PROMOTER")));
    assertThat(server.data("{ me { name role } }"))
        .isEqualTo(new JsonObject().put("me", Map.of("name", "admin", "role", "ADMIN")));
  }

  @Test
  void the_admin_token_creates_a_flow() {
    JsonObject flow =
        server.data(
            "mutation { createPromotionFlow(input: {name: \"admin-flow\", "
                + "triggerEnvironment: \"dev\", steps: [{environment: \"qa\"}]}) { name } }");
    assertThat(flow.getJsonObject("createPromotionFlow").getString("name")).isEqualTo("admin-flow");
  }

  @Test
  void a_websocket_without_a_token_is_closed_with_4403_and_a_viewer_is_acknowledged() {
    try (GraphqlWebSocketClient ws = GraphqlWebSocketClient.connect(server.port())) {
      ws.send(new JsonObject().put("type", "connection_init").put("payload", new JsonObject()));
      assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4403);
    }
    try (GraphqlWebSocketClient ws = GraphqlWebSocketClient.acknowledged(server.port(), viewer)) {
      assertThat(ws.messages()).anyMatch(m -> "connection_ack".equals(m.getString("type")));
    }
  }

  @Test
  void a_revoked_token_gets_401_and_its_open_subscription_is_closed_with_4403() {
    JsonObject created =
        server
            .data(
                "mutation { createApiToken(input: {name: \"short-lived\", role: VIEWER}) { token "
                    + "apiToken { id } } }")
            .getJsonObject("createApiToken");
    String token = created.getString("token");
    try (GraphqlWebSocketClient ws = GraphqlWebSocketClient.acknowledged(server.port(), token)) {
      ws.send(subscribe("live", "subscription { releaseEvents { status } }", new JsonObject()));
      server.data(
          "mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }",
          Map.of("id", created.getJsonObject("apiToken").getString("id")));
      assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4403);
    }
    HttpResponse<String> response = server.post(token, "{ environments { name } }", Map.of());
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void listing_tokens_never_shows_a_secret_and_the_audit_log_names_each_author() {
    String secret = createToken("listing-check", "VIEWER");
    JsonObject data = server.data("{ apiTokens { id name role createdAt lastUsedAt revokedAt } }");
    assertThat(data.encode())
        .doesNotContain(secret)
        .doesNotContain(viewer)
        .doesNotContain(TestServer.ADMIN_TOKEN);
    assertThat(data.getJsonArray("apiTokens").stream().map(t -> ((JsonObject) t).getString("name")))
        .contains("admin", "dashboard", "ci-pipeline", "listing-check");

    server.graphql(
        promoter,
        "mutation { triggerPromotionFlow(input: {flow: \"to-qa\", product: \"shop\"}) { id } }",
        Map.of());
    JsonArray entries =
        server
            .data("{ auditLog(first: 200) { nodes { actor operation input at } } }")
            .getJsonObject("auditLog")
            .getJsonArray("nodes");
    assertThat(entries.encode())
        .doesNotContain(secret)
        .doesNotContain(viewer)
        .doesNotContain(promoter);
    assertThat(
            entries.stream()
                .map(
                    e ->
                        ((JsonObject) e).getString("actor")
                            + ":"
                            + ((JsonObject) e).getString("operation")))
        .contains(
            "admin:createApiToken",
            "admin:createEnvironment",
            "admin:createPromotionFlow",
            "ci-pipeline:triggerPromotionFlow");
    assertThat(codeOf(server.graphql(viewer, "{ auditLog { nodes { actor } } }", Map.of())))
        .isEqualTo("FORBIDDEN");
  }
}
