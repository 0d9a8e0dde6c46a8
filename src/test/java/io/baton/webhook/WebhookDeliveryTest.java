package io.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.release.EngineOptions;
import io.baton.release.PromotionAction;
import io.baton.release.SourcePinner;
import io.baton.testing.MutableClock;
import io.baton.testing.Poll;
import io.baton.testing.QuickStartCatalog;
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
 * Outgoing webhooks end to end: a real Baton (engine, outbox trigger, deliverer) releasing
 * demo-trioapp through dev, qa and prod, and real HTTP receivers that answer 200, answer 500, hang
 * or are down.
 */
class WebhookDeliveryTest {
  static final EngineOptions FAST_ENGINE =
      new EngineOptions(
          "test-engine",
          Duration.ofSeconds(2),
          Duration.ofMillis(100),
          Duration.ofMillis(100),
          64,
          0,
          Duration.ofMillis(10));

  /** Retries after 50 to 200 ms; a hanging receiver is given up on after 30 s. */
  static final WebhookOptions FAST =
      new WebhookOptions(
          Duration.ofMillis(100),
          Duration.ofSeconds(30),
          8,
          Duration.ofMillis(50),
          Duration.ofMillis(200),
          Duration.ofDays(1));

  static final String SECRET = "a-secret-only-the-receiver-knows";

  /** The events of a release of demo-trioapp through dev, qa and prod that succeeds. */
  static final List<String> RELEASE_TYPES =
      List.of(
          "io.baton.release.started",
          "io.baton.step.started:dev",
          "io.baton.step.succeeded:dev",
          "io.baton.step.started:qa",
          "io.baton.step.succeeded:qa",
          "io.baton.step.started:prod",
          "io.baton.step.succeeded:prod",
          "io.baton.release.succeeded");

  private final MutableClock clock = new MutableClock();
  private final List<Receiver> receivers = new ArrayList<>();
  private TestServer server;

  @BeforeEach
  void quickStartWorld() {
    SourcePinner pinner =
        (source, template) ->
            Future.succeededFuture(new SourcePinner.Snapshot("0123456789abcdef", "2.0.0"));
    PromotionAction action =
        request ->
            Future.succeededFuture(
                new PromotionAction.Result("c0ffee", "2.0.0", true, "promoted 2.0.0"));
    server =
        TestServer.start(
            TestPostgres.newDatabase(),
            clock,
            false,
            new Baton.Parts(action, pinner, FAST_ENGINE).withWebhooks(FAST));
    QuickStartCatalog.create(server::data);
    QuickStartCatalog.createFlow(server::data, "PT5M");
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

  private void createWebhook(String name, String url, String format, String events) {
    server.data(
        "mutation($n: String!, $u: String!, $s: String, $f: WebhookFormat) { createWebhook(input:"
            + " {name: $n, url: $u, secret: $s, format: $f, events: ["
            + events
            + "]}) { name } }",
        Map.of("n", name, "u", url, "s", SECRET, "f", format));
  }

  private void createWebhook(String name, Receiver receiver) {
    createWebhook(
        name,
        receiver.url(),
        "CLOUDEVENTS",
        "RELEASE_STARTED, RELEASE_SUCCEEDED, RELEASE_FAILED, STEP_STARTED, STEP_SUCCEEDED,"
            + " STEP_FAILED");
  }

  private String release() {
    String id =
        server
            .data(
                "mutation { triggerPromotionFlow(input: {flow: \"multi-env-sequential-promotion\","
                    + " product: \"demo-trioapp\"}) { id } }")
            .getJsonObject("triggerPromotionFlow")
            .getString("id");
    Poll.until(
        () ->
            server
                .data("query($id: ID!) { release(id: $id) { status } }", Map.of("id", id))
                .getJsonObject("release")
                .getString("status"),
        "SUCCEEDED"::equals,
        Duration.ofSeconds(20),
        "release " + id + " to succeed");
    return id;
  }

  private JsonArray deliveries(String webhook) {
    return server
        .data(
            "query($n: String!) { webhook(name: $n) { deliveries(first: 100) { nodes { id event"
                + " environment status attempts lastAttemptAt responseStatus responseExcerpt error"
                + " redeliveryOf attemptLog { attempt at duration responseStatus responseExcerpt"
                + " error } } } } }",
            Map.of("n", webhook))
        .getJsonObject("webhook")
        .getJsonObject("deliveries")
        .getJsonArray("nodes");
  }

  private static List<JsonObject> oldestFirst(JsonArray newestFirst) {
    List<JsonObject> list = new ArrayList<>();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      list.add(newestFirst.getJsonObject(i));
    }
    return list;
  }

  private static List<String> typesOf(List<Receiver.Request> requests) {
    return requests.stream()
        .map(Receiver.Request::json)
        .map(
            e ->
                e.getString("type")
                    + (e.getJsonObject("data").getString("environment") == null
                        ? ""
                        : ":" + e.getJsonObject("data").getString("environment")))
        .toList();
  }

  private static List<Receiver.Request> awaitDelivered(Receiver receiver, int count) {
    return Poll.until(
        receiver::delivered,
        delivered -> delivered.size() >= count,
        Duration.ofSeconds(20),
        count + " deliveries to " + receiver.url());
  }

  /** Computed here, independently of Baton's own code. */
  private static String hmac(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void a_registered_webhook_receives_a_releases_events_in_order_each_signed() throws Exception {
    Receiver receiver = receiver(Receiver.Mode.OK);
    createWebhook("ci", receiver);

    String id = release();

    List<Receiver.Request> got = awaitDelivered(receiver, RELEASE_TYPES.size());
    assertThat(typesOf(got)).isEqualTo(RELEASE_TYPES);
    for (Receiver.Request request : got) {
      assertThat(request.header("X-Baton-Signature-256")).isEqualTo(hmac(request.body()));
      assertThat(request.header("Content-Type")).startsWith("application/cloudevents+json");
    }
    JsonObject qaSucceeded = got.get(4).json();
    assertThat(qaSucceeded.getString("specversion")).isEqualTo("1.0");
    assertThat(qaSucceeded.getString("id")).isNotBlank();
    assertThat(qaSucceeded.getString("source")).isEqualTo("http://localhost:" + server.port());
    assertThat(qaSucceeded.getString("time")).endsWith("Z");
    assertThat(qaSucceeded.getString("datacontenttype")).isEqualTo("application/json");
    assertThat(qaSucceeded.getJsonObject("data").getMap())
        .containsEntry("releaseId", id)
        .containsEntry("product", "demo-trioapp")
        .containsEntry("flow", "multi-env-sequential-promotion")
        .containsEntry("version", "2.0.0")
        .containsEntry("environment", "qa")
        .containsEntry("status", "SUCCEEDED")
        .containsEntry("url", "http://localhost:" + server.port() + "/releases/" + id);
    assertThat(got.stream().map(r -> r.json().getString("id")).distinct()).hasSize(got.size());

    List<JsonObject> listed = oldestFirst(deliveries("ci"));
    assertThat(listed).hasSize(RELEASE_TYPES.size());
    assertThat(listed)
        .allSatisfy(
            d -> {
              assertThat(d.getString("status")).isEqualTo("DELIVERED");
              assertThat(d.getInteger("attempts")).isEqualTo(1);
              assertThat(d.getInteger("responseStatus")).isEqualTo(200);
              assertThat(d.getString("responseExcerpt")).isEqualTo("thanks");
            });
    assertThat(server.get("/metrics").body())
        .containsPattern("baton_webhook_attempts_total\\{outcome=\"delivered\",?\\} [1-9]");
  }

  @Test
  void while_the_receiver_answers_500_deliveries_are_retried_and_later_all_arrive_in_order() {
    Receiver receiver = receiver(Receiver.Mode.ERROR);
    createWebhook("ci", receiver);

    release();
    Poll.until(
        receiver::requests,
        requests -> requests.size() >= 4,
        Duration.ofSeconds(20),
        "the first delivery to be tried again and again");
    List<String> triedIds =
        receiver.requests().stream().map(r -> r.json().getString("id")).distinct().toList();
    assertThat(triedIds).as("the next delivery waits for the first").hasSize(1);

    receiver.mode(Receiver.Mode.OK);

    List<Receiver.Request> got = awaitDelivered(receiver, RELEASE_TYPES.size());
    assertThat(typesOf(got)).isEqualTo(RELEASE_TYPES);
    List<JsonObject> listed = oldestFirst(deliveries("ci"));
    assertThat(listed).extracting(d -> d.getString("status")).containsOnly("DELIVERED");
    JsonObject first = listed.get(0);
    assertThat(first.getInteger("attempts")).isGreaterThanOrEqualTo(4);
    JsonArray log = first.getJsonArray("attemptLog");
    assertThat(log).hasSize(first.getInteger("attempts"));
    JsonObject failed = log.getJsonObject(0);
    assertThat(failed.getInteger("attempt")).isEqualTo(1);
    assertThat(failed.getInteger("responseStatus")).isEqualTo(500);
    assertThat(failed.getString("responseExcerpt")).isEqualTo("broken today");
    assertThat(failed.getString("error")).isEqualTo("the receiver answered HTTP 500");
    assertThat(failed.getString("duration")).startsWith("PT");
    JsonObject last = log.getJsonObject(log.size() - 1);
    assertThat(last.getInteger("responseStatus")).isEqualTo(200);
    assertThat(last.getString("error")).isNull();
  }

  @Test
  void a_slack_webhook_posts_a_readable_message() {
    Receiver slack = receiver(Receiver.Mode.OK);
    createWebhook("team-chat", slack.url(), "SLACK", "STEP_SUCCEEDED");

    String id = release();

    List<Receiver.Request> got = awaitDelivered(slack, 3);
    assertThat(got)
        .extracting(r -> r.json().getString("text"))
        .containsExactly(
            "demo-trioapp 2.0.0: dev succeeded <http://localhost:"
                + server.port()
                + "/releases/"
                + id
                + "|release "
                + id
                + ">",
            "demo-trioapp 2.0.0: qa succeeded <http://localhost:"
                + server.port()
                + "/releases/"
                + id
                + "|release "
                + id
                + ">",
            "demo-trioapp 2.0.0: prod succeeded <http://localhost:"
                + server.port()
                + "/releases/"
                + id
                + "|release "
                + id
                + ">");
    assertThat(got.get(0).header("Content-Type")).startsWith("application/json");
  }

  @Test
  void a_hanging_receiver_does_not_delay_another_webhook() {
    Receiver hanging = receiver(Receiver.Mode.HANG);
    Receiver healthy = receiver(Receiver.Mode.OK);
    createWebhook("stuck", hanging);
    createWebhook("ci", healthy);

    release();

    List<Receiver.Request> got = awaitDelivered(healthy, RELEASE_TYPES.size());
    assertThat(typesOf(got)).isEqualTo(RELEASE_TYPES);
    assertThat(hanging.requests()).as("the hanging one still holds its first").hasSize(1);
    assertThat(oldestFirst(deliveries("stuck")))
        .extracting(d -> d.getString("status"))
        .containsOnly("PENDING");
  }

  @Test
  void a_delivery_not_delivered_within_the_retry_window_is_given_up_and_can_be_sent_again() {
    Receiver receiver = receiver(Receiver.Mode.ERROR);
    createWebhook("ci", receiver);
    release();
    Poll.until(
        receiver::requests,
        requests -> requests.size() >= 2,
        Duration.ofSeconds(20),
        "the first delivery to be retried");

    clock.advance(Duration.ofHours(25));

    List<JsonObject> given =
        Poll.until(
            () -> oldestFirst(deliveries("ci")),
            list -> list.stream().allMatch(d -> "FAILED".equals(d.getString("status"))),
            Duration.ofSeconds(20),
            "every delivery to be given up");
    assertThat(given.get(0).getString("error")).isEqualTo("the receiver answered HTTP 500");

    receiver.mode(Receiver.Mode.OK);
    String firstId = given.get(0).getString("id");
    JsonObject again =
        server
            .data(
                "mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id event status"
                    + " redeliveryOf } }",
                Map.of("id", firstId))
            .getJsonObject("redeliverWebhook");
    assertThat(again.getString("event")).isEqualTo("RELEASE_STARTED");
    assertThat(again.getString("redeliveryOf")).isEqualTo(firstId);

    List<Receiver.Request> got = awaitDelivered(receiver, 1);
    assertThat(got.get(0).json().getString("id"))
        .as("the same CloudEvents id as the first attempts had")
        .isEqualTo(receiver.requests().get(0).json().getString("id"));
    Poll.until(
        () -> oldestFirst(deliveries("ci")),
        list -> "DELIVERED".equals(list.get(list.size() - 1).getString("status")),
        Duration.ofSeconds(20),
        "the redelivery to be delivered");
  }

  @Test
  void a_claim_whose_lease_ran_out_is_sent_again_and_the_event_delivered_at_least_once() {
    Receiver receiver = receiver(Receiver.Mode.HANG);
    createWebhook("ci", receiver.url(), "CLOUDEVENTS", "RELEASE_STARTED");
    release();
    Poll.until(
        receiver::requests,
        requests -> requests.size() == 1,
        Duration.ofSeconds(20),
        "the first attempt to be under way");
    receiver.mode(Receiver.Mode.OK);

    clock.advance(FAST.requestTimeout().plusSeconds(16));

    List<Receiver.Request> got = awaitDelivered(receiver, 1);
    assertThat(got.get(0).json().getString("id"))
        .isEqualTo(receiver.requests().get(0).json().getString("id"));
    JsonObject delivery =
        Poll.until(
            () -> deliveries("ci").getJsonObject(0),
            d -> "DELIVERED".equals(d.getString("status")),
            Duration.ofSeconds(20),
            "the delivery to be recorded as delivered");
    assertThat(delivery.getInteger("attempts")).isEqualTo(1);
  }

  @Test
  void a_receiver_that_is_down_is_retried_with_the_reason_recorded() {
    Receiver gone = receiver(Receiver.Mode.OK);
    String url = gone.url();
    gone.close();
    receivers.remove(gone);
    createWebhook("down", url, "CLOUDEVENTS", "RELEASE_STARTED");

    release();

    // No delivery is listed until the deliverer has fed the webhook from the event log.
    JsonObject first =
        Poll.until(
            () -> deliveries("down").stream().map(JsonObject.class::cast).findFirst().orElse(null),
            d -> d != null && d.getInteger("attempts") >= 2,
            Duration.ofSeconds(20),
            "the delivery to be tried twice");
    assertThat(first.getString("status")).isEqualTo("PENDING");
    assertThat(first.getString("error")).isEqualTo("connection refused");
    assertThat(first.getInteger("responseStatus")).isNull();
  }
}
