package io.baton.webhook;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Registering webhooks through GraphQL: who may, what is refused, what is kept and shown. */
class WebhookCatalogTest {
  private static TestServer server;
  private static String viewerToken;

  private static final String CREATE =
      """
      mutation($n: String!, $u: String!, $s: String, $p: String, $f: WebhookFormat, $e: [WebhookEvent!]!) {
        createWebhook(input: {name: $n, url: $u, secret: $s, product: $p, format: $f, events: $e}) {
          id name url events format createdAt product { name }
        }
      }""";

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.data("mutation { createProduct(input: {name: \"shop\"}) { name } }");
    viewerToken =
        server
            .data("mutation { createApiToken(input: {name: \"watcher\", role: VIEWER}) { token } }")
            .getJsonObject("createApiToken")
            .getString("token");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Map<String, Object> input(String name, String url) {
    Map<String, Object> input = new HashMap<>();
    input.put("n", name);
    input.put("u", url);
    input.put("s", "s3cret-s3cret");
    input.put("e", List.of("STEP_SUCCEEDED", "RELEASE_FAILED"));
    return input;
  }

  private static JsonObject create(Map<String, Object> variables) {
    return server.graphql(CREATE, variables);
  }

  @Test
  void an_administrator_registers_a_webhook_whose_secret_is_never_shown_and_audited_redacted() {
    Map<String, Object> in = input("ci-events", "https://ci.example.com/hooks/baton?x=1");
    in.put("p", "shop");
    JsonObject created = create(in).getJsonObject("data").getJsonObject("createWebhook");

    assertThat(created.getString("name")).isEqualTo("ci-events");
    assertThat(created.getString("url")).isEqualTo("https://ci.example.com/hooks/baton?x=1");
    assertThat(created.getJsonArray("events").getList())
        .containsExactly("STEP_SUCCEEDED", "RELEASE_FAILED");
    assertThat(created.getString("format")).isEqualTo("CLOUDEVENTS");
    assertThat(created.getJsonObject("product").getString("name")).isEqualTo("shop");
    assertThat(server.data("{ webhooks { name } }").getJsonArray("webhooks").encode())
        .contains("ci-events");

    assertThat(codeOf(server.graphql("{ webhooks { name secret } }"))).isEqualTo("BAD_USER_INPUT");
    String audit = server.data("{ auditLog(first: 5) { nodes { operation input } } }").encode();
    assertThat(audit).contains("createWebhook").contains("[redacted]");
    assertThat(audit).doesNotContain("s3cret-s3cret");
  }

  @Test
  void a_url_that_is_not_http_or_carries_credentials_is_refused() {
    for (String url :
        new String[] {
          "ftp://example.com/hook",
          "https://user:pass@example.com/hook",
          "not a url",
          "https:///no-host",
          ""
        }) {
      JsonObject response = create(input("bad-url", url));
      assertThat(codeOf(response)).as(url).isEqualTo("BAD_USER_INPUT");
      assertThat(firstError(response).getString("message")).doesNotContain("pass@");
    }
  }

  @Test
  void a_cloudevents_webhook_needs_a_secret_and_at_least_one_event() {
    Map<String, Object> noSecret = input("no-secret", "https://example.com/hook");
    noSecret.remove("s");
    assertThat(codeOf(create(noSecret))).isEqualTo("BAD_USER_INPUT");

    Map<String, Object> noEvents = input("no-events", "https://example.com/hook");
    noEvents.put("e", List.of());
    assertThat(codeOf(create(noEvents))).isEqualTo("BAD_USER_INPUT");

    Map<String, Object> slack = input("slack-no-secret", "https://hooks.slack.test/services/x");
    slack.remove("s");
    slack.put("f", "SLACK");
    assertThat(
            create(slack).getJsonObject("data").getJsonObject("createWebhook").getString("format"))
        .isEqualTo("SLACK");
  }

  @Test
  void a_taken_name_is_a_conflict_and_an_unknown_product_not_found() {
    create(input("twice", "https://example.com/a"));
    assertThat(codeOf(create(input("twice", "https://example.com/b")))).isEqualTo("CONFLICT");

    Map<String, Object> unknown = input("unknown-product", "https://example.com/a");
    unknown.put("p", "nope");
    assertThat(codeOf(create(unknown))).isEqualTo("NOT_FOUND");
  }

  @Test
  void a_deleted_webhook_is_gone_and_deleting_it_again_is_not_found() {
    create(input("short-lived", "https://example.com/a"));
    assertThat(
            server
                .data("mutation { deleteWebhook(name: \"short-lived\") { name } }")
                .getJsonObject("deleteWebhook")
                .getString("name"))
        .isEqualTo("short-lived");
    assertThat(server.data("{ webhook(name: \"short-lived\") { name } }").getValue("webhook"))
        .isNull();
    assertThat(codeOf(server.graphql("mutation { deleteWebhook(name: \"short-lived\") { name } }")))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void a_viewer_can_neither_read_nor_register_webhooks() {
    assertThat(codeOf(server.graphql(viewerToken, "{ webhooks { name url } }", Map.of())))
        .isEqualTo("FORBIDDEN");
    assertThat(
            codeOf(
                server.graphql(
                    viewerToken, CREATE, input("by-viewer", "https://example.com/hook"))))
        .isEqualTo("FORBIDDEN");
  }

  @Test
  void redelivering_an_unknown_delivery_is_not_found() {
    assertThat(codeOf(server.graphql("mutation { redeliverWebhook(deliveryId: \"999\") { id } }")))
        .isEqualTo("NOT_FOUND");
    assertThat(codeOf(server.graphql("mutation { redeliverWebhook(deliveryId: \"x\") { id } }")))
        .isEqualTo("NOT_FOUND");
  }
}
