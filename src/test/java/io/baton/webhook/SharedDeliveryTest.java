package io.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.db.DatabaseUrl;
import io.baton.release.PromotionAction;
import io.baton.release.SourcePinner;
import io.baton.testing.Poll;
import io.baton.testing.QuickStartCatalog;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two Baton instances on one database share the outbox: each event goes out once, in order. */
class SharedDeliveryTest {
  private TestServer first;
  private TestServer second;
  private Receiver receiver;

  @AfterEach
  void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private static TestServer start(DatabaseUrl database) {
    SourcePinner pinner =
        (source, template) -> Future.succeededFuture(new SourcePinner.Snapshot("abc", "2.0.0"));
    PromotionAction action =
        request ->
            Future.succeededFuture(new PromotionAction.Result("c0ffee", "2.0.0", true, "ok"));
    return TestServer.start(
        database,
        Clock.systemUTC(),
        false,
        new Baton.Parts(action, pinner, WebhookDeliveryTest.FAST_ENGINE)
            .withWebhooks(WebhookDeliveryTest.FAST));
  }

  @Test
  void two_instances_deliver_each_event_once_and_in_order_even_through_retries() {
    DatabaseUrl database = TestPostgres.newDatabase();
    first = start(database);
    second = start(database);
    receiver = new Receiver(Receiver.Mode.ERROR);
    QuickStartCatalog.create(first::data);
    QuickStartCatalog.createFlow(first::data, "PT5M");
    first.data(
        "mutation($u: String!) { createWebhook(input: {name: \"ci\", url: $u, secret: \"s\","
            + " events: [RELEASE_STARTED, RELEASE_SUCCEEDED, STEP_STARTED, STEP_SUCCEEDED]}) {"
            + " name } }",
        Map.of("u", receiver.url()));

    for (int i = 0; i < 3; i++) {
      String id =
          (i % 2 == 0 ? first : second)
              .data(
                  "mutation { triggerPromotionFlow(input: {flow:"
                      + " \"multi-env-sequential-promotion\", product: \"demo-trioapp\"}) { id } }")
              .getJsonObject("triggerPromotionFlow")
              .getString("id");
      if (i == 0) {
        Poll.until(
            receiver::requests,
            r -> r.size() >= 6,
            Duration.ofSeconds(20),
            "both instances to retry the first delivery");
        receiver.mode(Receiver.Mode.OK);
      }
      Poll.until(
          () ->
              first
                  .data("query($id: ID!) { release(id: $id) { status } }", Map.of("id", id))
                  .getJsonObject("release")
                  .getString("status"),
          "SUCCEEDED"::equals,
          Duration.ofSeconds(20),
          "release " + id + " to succeed");
    }

    List<Receiver.Request> got =
        Poll.until(
            receiver::delivered,
            d -> d.size() >= 3 * WebhookDeliveryTest.RELEASE_TYPES.size(),
            Duration.ofSeconds(30),
            "every event of three releases");
    List<String> ids = got.stream().map(r -> r.json().getString("id")).toList();
    assertThat(ids).as("each event delivered once").doesNotHaveDuplicates();
    List<String> types =
        got.stream()
            .map(r -> r.json())
            .map(
                e ->
                    e.getString("type")
                        + (e.getJsonObject("data").getString("environment") == null
                            ? ""
                            : ":" + e.getJsonObject("data").getString("environment")))
            .toList();
    for (int i = 0; i < 3; i++) {
      assertThat(
              types.subList(
                  i * WebhookDeliveryTest.RELEASE_TYPES.size(),
                  (i + 1) * WebhookDeliveryTest.RELEASE_TYPES.size()))
          .isEqualTo(WebhookDeliveryTest.RELEASE_TYPES);
    }
  }
}
