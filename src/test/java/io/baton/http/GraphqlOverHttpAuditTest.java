package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.NodeScript;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference audit of the GraphQL-over-HTTP specification (npm graphql-http), run against a real
 * Baton.
 */
class GraphqlOverHttpAuditTest {
  private static TestServer server;
  private static List<JsonObject> results;

  @BeforeAll
  static void startAndAudit() {
    server = TestServer.start();
    String output =
        NodeScript.run(
            "audit-server.mjs",
            Map.of("BATON_TOKEN", TestServer.ADMIN_TOKEN),
            server.uri("/graphql").toString());
    results = new JsonArray(output.trim()).stream().map(JsonObject.class::cast).toList();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_graphql_http_server_audit_reports_no_must_or_should_failure() {
    assertThat(results).as("audit results").hasSizeGreaterThan(40);
    assertThat(failures("error")).as("MUST failures").isEmpty();
    assertThat(failures("warn")).as("SHOULD failures").isEmpty();
  }

  @Test
  void the_optional_may_checks_of_the_audit_pass_too() {
    assertThat(failures("notice")).as("MAY failures").isEmpty();
  }

  private static List<String> failures(String status) {
    return results.stream()
        .filter(r -> status.equals(r.getString("status")))
        .map(r -> r.getString("id") + " " + r.getString("name") + ": " + r.getString("reason"))
        .toList();
  }
}
