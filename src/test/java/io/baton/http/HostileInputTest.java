package io.baton.http;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queries and requests built to hurt the server are refused before they run, readably, and the
 * server stays up.
 */
class HostileInputTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void the_server_is_still_healthy() {
    HttpResponse<String> health = server.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(health.body()).getString("database")).isEqualTo("UP");
  }

  @Test
  void a_query_nested_1200_levels_deep_is_refused_with_bad_user_input() {
    String query =
        "{ environments { "
            + "applications { environment { ".repeat(600)
            + "name"
            + " } }".repeat(600)
            + " } }";

    JsonObject response = server.graphql(query);

    assertRefusedReadably(response);
    assertThat(response.getValue("data")).isNull();
  }

  @Test
  void a_query_just_past_the_depth_limit_is_refused_by_the_depth_check() {
    String query =
        "{ environments { "
            + "applications { environment { ".repeat(10)
            + "name"
            + " } }".repeat(10)
            + " } }";

    JsonObject response = server.graphql(query);

    assertRefusedReadably(response);
    assertThat(firstError(response).getString("message")).containsIgnoringCase("depth");
  }

  @Test
  void a_query_with_2000_aliases_is_refused_with_bad_user_input() {
    String query =
        IntStream.range(0, 2000)
            .mapToObj(i -> "a" + i + ": environments { name }")
            .collect(Collectors.joining(" ", "{ ", " }"));

    assertRefusedReadably(server.graphql(query));
  }

  @Test
  void
      a_query_with_2000_aliases_of_a_cheap_field_is_refused_with_bad_user_input_naming_the_aliases() {
    String query =
        IntStream.range(0, 2000)
            .mapToObj(i -> "a" + i + ": __typename")
            .collect(Collectors.joining(" ", "{ ", " }"));

    JsonObject response = server.graphql(query);

    assertRefusedReadably(response);
    assertThat(firstError(response).getString("message")).contains("2000 aliases");
  }

  @Test
  void a_query_with_a_few_aliases_runs() {
    JsonObject data = server.data("{ a: environments { name } b: environments { n: name } }");
    assertThat(data.getJsonArray("a")).isEmpty();
  }

  @Test
  void a_body_over_the_limit_gets_413_with_a_json_error() {
    String padding = "x".repeat((int) HttpApi.MAX_BODY_BYTES + 1024);
    String body =
        new JsonObject()
            .put("query", "{ __typename }")
            .put("extensions", new JsonObject().put("pad", padding))
            .encode();
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(server.uri("/graphql"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("json"));
    assertThat(codeOf(new JsonObject(response.body()))).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(new JsonObject(response.body())).getString("message"))
        .contains("256 KiB");
  }

  @Test
  void a_mutation_by_get_gets_405_and_creates_nothing() {
    String mutation =
        "mutation { createEnvironment(input: {name: \"made-by-get\", kind: NON_PROD}) { name } }";
    for (String accept : new String[] {"application/json", "application/graphql-response+json"}) {
      HttpResponse<String> response = get(mutation, null, accept);

      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("POST");
      assertThat(codeOf(new JsonObject(response.body()))).isEqualTo("BAD_USER_INPUT");
    }
    assertThat(
            server.data("{ environment(name: \"made-by-get\") { name } }").getValue("environment"))
        .isNull();
    assertThat(server.data("{ environments { name } }").getJsonArray("environments")).isEmpty();
  }

  @Test
  void
      a_mutation_chosen_by_operation_name_from_a_mixed_document_by_get_gets_405_and_creates_nothing() {
    String document =
        "query Read { environments { name } } "
            + "mutation Write { createEnvironment(input: {name: \"sneaked-by-get\"}) { name } }";

    assertThat(get(document, "Write", "application/json").statusCode()).isEqualTo(405);
    assertThat(get(document, "Read", "application/json").statusCode()).isEqualTo(200);
    assertThat(
            server
                .data("{ environment(name: \"sneaked-by-get\") { name } }")
                .getValue("environment"))
        .isNull();
  }

  @Test
  void a_nul_byte_in_a_string_argument_is_refused_with_bad_user_input() {
    assertRefusedReadably(server.graphql("{ environment(name: \"qa\\u0000\") { name } }"));
    assertRefusedReadably(
        server.graphql(
            "query($name: String!) { environment(name: $name) { name } }",
            Map.of("name", "qa\u0000")));
    assertRefusedReadably(
        server.graphql(
            "mutation($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { name } }",
            Map.of("input", Map.of("name", "nul\u0000name", "kind", "NON_PROD"))));
  }

  @Test
  void variables_holding_nulls_are_looked_through_for_nul_characters_without_failing() {
    Map<String, Object> input = new HashMap<>();
    input.put("name", "with-null-position");
    input.put("position", null);
    JsonObject response =
        server.graphql(
            "mutation($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { name } }",
            Map.of("input", input));

    assertThat(response.getJsonObject("data").getJsonObject("createEnvironment").getString("name"))
        .isEqualTo("with-null-position");
    server.graphql("mutation { deleteEnvironment(name: \"with-null-position\") { name } }");
  }

  @Test
  void a_repeated_schema_introspection_is_refused_with_bad_user_input() {
    assertRefusedReadably(
        server.graphql("{ __schema { queryType { name } } a: __schema { types { name } } }"));
    assertRefusedReadably(
        server.graphql(
            "{ a: __schema { queryType { name } } b: __schema { queryType { name } } }"));
  }

  @Test
  void a_subscription_sent_by_post_is_answered_at_once_with_400_naming_the_websocket() {
    for (String accept : new String[] {"application/json", "application/graphql-response+json"}) {
      HttpResponse<String> response =
          server.send(
              HttpRequest.newBuilder(server.uri("/graphql"))
                  .timeout(Duration.ofSeconds(5))
                  .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                  .header("Content-Type", "application/json")
                  .header("Accept", accept)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          new JsonObject()
                              .put("query", "subscription { releaseEvents { cursor } }")
                              .encode()))
                  .build());

      assertThat(response.statusCode()).isEqualTo(400);
      JsonObject body = new JsonObject(response.body());
      assertThat(codeOf(body)).isEqualTo("BAD_USER_INPUT");
      assertThat(firstError(body).getString("message"))
          .contains("WebSocket")
          .contains("/graphql")
          .contains("graphql-transport-ws");
    }
  }

  @Test
  void a_subscription_sent_by_get_is_answered_with_400_naming_the_websocket() {
    HttpResponse<String> response =
        get("subscription { releaseEvents { cursor } }", null, "application/json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(firstError(new JsonObject(response.body())).getString("message"))
        .contains("WebSocket");
  }

  private static HttpResponse<String> get(String query, String operationName, String accept) {
    String uri =
        "/graphql?query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8)
            + (operationName == null ? "" : "&operationName=" + operationName);
    return server.send(
        HttpRequest.newBuilder(server.uri(uri))
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .header("Accept", accept)
            .GET()
            .build());
  }

  private static void assertRefusedReadably(JsonObject response) {
    JsonObject error = firstError(response);
    assertThat(error.getJsonObject("extensions").getString("code")).isEqualTo("BAD_USER_INPUT");
    assertThat(error.getString("message"))
        .isNotBlank()
        .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+")
        .doesNotContain("Exception")
        .hasSizeLessThan(300);
    assertThat(response.encode()).doesNotContain("classification").doesNotContain("\tat ");
  }
}
