package io.baton.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.NodeScript;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Baton's WebSocket endpoint as the reference client (npm graphql-ws with the ws implementation)
 * sees it.
 */
class GraphqlWsClientTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.data(
        "mutation { createEnvironment(input: {name: \"dev\", kind: NON_PROD, position: 1}) { name } }");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonObject run(String token, String query) {
    Map<String, String> env = token == null ? Map.of() : Map.of("BATON_TOKEN", token);
    String output =
        NodeScript.run("ws-query.mjs", env, "ws://localhost:" + server.port() + "/graphql", query);
    return new JsonObject(output.trim());
  }

  @Test
  void the_graphql_ws_client_runs_a_query_and_sees_it_complete() {
    JsonObject outcome = run(TestServer.ADMIN_TOKEN, "{ environments { name kind } }");

    assertThat(outcome.getBoolean("completed")).as(outcome.encode()).isTrue();
    assertThat(outcome.getJsonArray("results")).hasSize(1);
    JsonObject result = outcome.getJsonArray("results").getJsonObject(0);
    assertThat(result.containsKey("errors")).isFalse();
    assertThat(
            result
                .getJsonObject("data")
                .getJsonArray("environments")
                .getJsonObject(0)
                .getString("name"))
        .isEqualTo("dev");
  }

  @Test
  void the_graphql_ws_client_is_closed_with_4403_for_a_wrong_token() {
    JsonObject outcome = run("wrong-token", "{ environments { name } }");

    assertThat(outcome.getInteger("closeCode")).as(outcome.encode()).isEqualTo(4403);
    assertThat(outcome.getJsonArray("results")).isEmpty();
  }

  @Test
  void the_graphql_ws_client_receives_validation_errors_as_graphql_errors() {
    JsonObject outcome = run(TestServer.ADMIN_TOKEN, "{ nope }");

    JsonObject error = outcome.getJsonArray("error").getJsonObject(0);
    assertThat(error.getString("message")).contains("nope");
    assertThat(error.getJsonObject("extensions").getString("code")).isEqualTo("BAD_USER_INPUT");
  }
}
