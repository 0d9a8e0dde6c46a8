package io.baton.webhook;

import static io.baton.testing.TestServer.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.release.PromotionAction;
import io.baton.release.SourcePinner;
import io.baton.testing.MutableClock;
import io.baton.testing.Poll;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * testWebhook: an administrator sends a webhook a TEST event now, through the same outbox and
 * deliverer as release events, so it is signed, retried and listed like them; with no release.
 */
class WebhookTestEventTest {
  private static final String SECRET = WebhookDeliveryTest.SECRET;

  private static final String TEST =
      "mutation($n: String!) { testWebhook(name: $n) { id event releaseId environment status } }";

  private final List<Receiver> receivers = new ArrayList<>();
  private TestServer server;

  @BeforeEach
  void start() {
    SourcePinner pinner =
        (source, template) -> Future.succeededFuture(new SourcePinner.Snapshot("0123", "1.0"));
    PromotionAction action =
        request ->
            Future.succeededFuture(new PromotionAction.Result("c0ffee", "1.0", true, "promoted"));
    server =
        TestServer.start(
            TestPostgres.newDatabase(),
            new MutableClock(),
            false,
            new Baton.Parts(action, pinner, WebhookDeliveryTest.FAST_ENGINE)
                .withWebhooks(WebhookDeliveryTest.FAST));
  }

  @AfterEach
  void stop() {
    server.close();
    receivers.forEach(Receiver::close);
  }

  private Receiver receiver(Receiver.Mode mode) {
    Receiver receiver = new Receiver(mode);
    receivers.add(receiver);
    return receiver;
  }

  private void createWebhook(String name, String url, String format) {
    server.data(
        "mutation($n: String!, $u: String!, $s: String, $f: WebhookFormat) { createWebhook(input:"
            + " {name: $n, url: $u, secret: $s, format: $f, events: [RELEASE_FAILED]}) { name } }",
        Map.of("n", name, "u", url, "s", SECRET, "f", format));
  }

  private JsonObject test(String name) {
    return server.data(TEST, Map.of("n", name)).getJsonObject("testWebhook");
  }

  private JsonArray deliveries(String webhook) {
    return server
        .data(
            "query($n: String!) { webhook(name: $n) { deliveries { nodes { id event releaseId"
                + " status attempts responseStatus attemptLog { attempt responseStatus } } } } }",
            Map.of("n", webhook))
        .getJsonObject("webhook")
        .getJsonObject("deliveries")
        .getJsonArray("nodes");
  }

  private static List<Receiver.Request> awaitRequests(Receiver receiver, int count) {
    return Poll.until(
        receiver::requests,
        requests -> requests.size() >= count,
        Duration.ofSeconds(20),
        count + " requests to " + receiver.url());
  }

  /** Computed here, independently of Baton's own code. */
  private static String hmac(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void a_test_event_reaches_the_receiver_signed_is_retried_while_it_fails_and_is_listed()
      throws Exception {
    Receiver receiver = receiver(Receiver.Mode.ERROR);
    createWebhook("ci", receiver.url(), "CLOUDEVENTS");

    JsonObject queued = test("ci");

    assertThat(queued.getString("event")).isEqualTo("TEST");
    assertThat(queued.getString("releaseId")).isNull();
    assertThat(queued.getString("environment")).isNull();
    assertThat(queued.getString("status")).isEqualTo("PENDING");
    awaitRequests(receiver, 2);
    receiver.mode(Receiver.Mode.OK);
    Receiver.Request got =
        Poll.until(
                receiver::delivered,
                delivered -> !delivered.isEmpty(),
                Duration.ofSeconds(20),
                "the test event delivered")
            .get(0);

    assertThat(got.header("X-Baton-Signature-256")).isEqualTo(hmac(got.body()));
    assertThat(got.header("X-Baton-Event")).isEqualTo("TEST");
    assertThat(got.header("Content-Type")).startsWith("application/cloudevents+json");
    JsonObject event = got.json();
    assertThat(event.getString("specversion")).isEqualTo("1.0");
    assertThat(event.getString("type")).isEqualTo("io.baton.test");
    assertThat(event.getString("subject")).isEqualTo("webhooks/ci");
    assertThat(event.getString("id")).isNotBlank();
    assertThat(event.getJsonObject("data").getString("webhook")).isEqualTo("ci");
    assertThat(event.getJsonObject("data").getString("message")).contains("test");
    List<String> ids = receiver.requests().stream().map(r -> r.json().getString("id")).toList();
    assertThat(ids).containsOnly(event.getString("id"));

    JsonObject listed =
        Poll.until(
            () -> deliveries("ci").getJsonObject(0),
            d -> "DELIVERED".equals(d.getString("status")),
            Duration.ofSeconds(10),
            "the test delivery listed as DELIVERED");
    assertThat(listed.getString("id")).isEqualTo(queued.getString("id"));
    assertThat(listed.getString("event")).isEqualTo("TEST");
    assertThat(listed.getString("releaseId")).isNull();
    assertThat(listed.getInteger("attempts")).isGreaterThanOrEqualTo(3);
    assertThat(listed.getInteger("responseStatus")).isEqualTo(200);
    assertThat(listed.getJsonArray("attemptLog").getJsonObject(0).getInteger("responseStatus"))
        .isEqualTo(500);
    assertThat(server.data("{ auditLog(first: 5) { nodes { operation } } }").encode())
        .contains("testWebhook");
  }

  @Test
  void a_test_event_can_be_redelivered_with_the_same_id() {
    Receiver receiver = receiver(Receiver.Mode.OK);
    createWebhook("ci", receiver.url(), "CLOUDEVENTS");
    String first = test("ci").getString("id");
    awaitRequests(receiver, 1);
    Poll.until(
        () -> deliveries("ci").getJsonObject(0).getString("status"),
        "DELIVERED"::equals,
        Duration.ofSeconds(10),
        "the test delivery DELIVERED");

    server.data(
        "mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }", Map.of("id", first));

    List<Receiver.Request> got = awaitRequests(receiver, 2);
    assertThat(got.get(1).json().getString("id")).isEqualTo(got.get(0).json().getString("id"));
    assertThat(got.get(1).json().getString("type")).isEqualTo("io.baton.test");
  }

  @Test
  void a_slack_webhook_gets_a_readable_test_message() {
    Receiver receiver = receiver(Receiver.Mode.OK);
    createWebhook("chat", receiver.url(), "SLACK");

    test("chat");

    String text = awaitRequests(receiver, 1).get(0).json().getString("text");
    assertThat(text).startsWith("Baton test event for webhook chat");
  }

  @Test
  void an_unknown_webhook_is_not_found_and_a_viewer_may_not_test() {
    assertThat(codeOf(server.graphql(TEST, Map.of("n", "nobody")))).isEqualTo("NOT_FOUND");
    createWebhook("ci", "https://ci.example.com/hook", "CLOUDEVENTS");
    String viewer =
        server
            .data("mutation { createApiToken(input: {name: \"watcher\", role: VIEWER}) { token } }")
            .getJsonObject("createApiToken")
            .getString("token");
    assertThat(codeOf(server.graphql(viewer, TEST, Map.of("n", "ci")))).isEqualTo("FORBIDDEN");
    assertThat(deliveries("ci")).isEmpty();
  }

  @Test
  void test_is_not_an_event_a_webhook_can_subscribe_to() {
    assertThat(
            codeOf(
                server.graphql(
                    "mutation { createWebhook(input: {name: \"t\", url: \"https://x.example.com\","
                        + " secret: \"s\", events: [TEST]}) { name } }")))
        .isEqualTo("BAD_USER_INPUT");
  }
}
