package io.baton.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.BatonProcess;
import io.baton.testing.GraphqlClient;
import io.baton.testing.Poll;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar with the demo world: a webhook's receiver answers 500 while a release runs, the
 * jar is killed with SIGKILL, started again, and the receiver comes back: every event of the
 * release is still delivered, in order, with its attempts listed.
 */
class WebhooksSurviveSigkillIT {
  private Path dataDir;
  private BatonProcess baton;
  private Receiver receiver;

  @Test
  void every_event_is_delivered_in_order_after_500s_and_a_sigkill() throws Exception {
    dataDir = Files.createTempDirectory("baton-webhooks-kill9");
    Map<String, String> env = Map.of("BATON_DATA_DIR", dataDir.toString());
    receiver = new Receiver(Receiver.Mode.ERROR);

    baton = BatonProcess.start(env, "--demo");
    String adminToken = Files.readString(dataDir.resolve("admin-token")).trim();
    GraphqlClient client = new GraphqlClient(baton.port(), adminToken);
    client.data(
        "mutation($u: String!) { createWebhook(input: {name: \"ci\", url: $u, secret: \"s3cret\","
            + " product: \"demo-trioapp\", events: [RELEASE_STARTED, RELEASE_SUCCEEDED,"
            + " RELEASE_FAILED, STEP_STARTED, STEP_SUCCEEDED, STEP_FAILED]}) { name } }",
        Map.of("u", receiver.url()));
    String id =
        client
            .data(
                "mutation { triggerPromotionFlow(input: {flow: \"multi-env-sequential-promotion\","
                    + " product: \"demo-trioapp\"}) { id } }")
            .getJsonObject("triggerPromotionFlow")
            .getString("id");
    Poll.until(
        () ->
            client
                .data("query($id: ID!) { release(id: $id) { status } }", Map.of("id", id))
                .getJsonObject("release")
                .getString("status"),
        "SUCCEEDED"::equals,
        Duration.ofSeconds(60),
        "release " + id + " to succeed");
    Poll.until(
        receiver::requests,
        requests -> requests.size() >= 3,
        Duration.ofSeconds(30),
        "the first delivery to be answered 500 three times");

    baton.kill();
    int refusedBeforeRestart = receiver.requests().size();
    baton = BatonProcess.start(env);
    receiver.mode(Receiver.Mode.OK);

    List<Receiver.Request> got =
        Poll.until(
            receiver::delivered,
            d -> d.size() >= WebhookDeliveryTest.RELEASE_TYPES.size(),
            Duration.ofSeconds(90),
            "every event of the release to be delivered after the restart");
    assertThat(
            got.stream()
                .map(Receiver.Request::json)
                .map(
                    e ->
                        e.getString("type")
                            + (e.getJsonObject("data").getString("environment") == null
                                ? ""
                                : ":" + e.getJsonObject("data").getString("environment")))
                .toList())
        .isEqualTo(WebhookDeliveryTest.RELEASE_TYPES);
    assertThat(got.stream().map(r -> r.json().getString("id"))).doesNotHaveDuplicates();

    JsonArray deliveries =
        new GraphqlClient(baton.port(), adminToken)
            .data(
                "{ webhook(name: \"ci\") { deliveries(first: 50) { nodes { status attempts"
                    + " attemptLog { responseStatus } } } } }")
            .getJsonObject("webhook")
            .getJsonObject("deliveries")
            .getJsonArray("nodes");
    List<JsonObject> oldestFirst = new ArrayList<>();
    for (int i = deliveries.size() - 1; i >= 0; i--) {
      oldestFirst.add(deliveries.getJsonObject(i));
    }
    assertThat(oldestFirst).extracting(d -> d.getString("status")).containsOnly("DELIVERED");
    JsonObject first = oldestFirst.get(0);
    // Every attempt is recorded but the one the kill cut short: the receiver may have answered it
    // before Baton wrote its outcome (one delivery of a webhook is tried at a time, in order).
    // After the restart at least one more attempt succeeded.
    assertThat(first.getInteger("attempts")).isGreaterThanOrEqualTo(refusedBeforeRestart);
    JsonArray log = first.getJsonArray("attemptLog");
    assertThat(log.getJsonObject(0).getInteger("responseStatus")).isEqualTo(500);
    assertThat(log.getJsonObject(log.size() - 1).getInteger("responseStatus")).isEqualTo(200);
  }

  @AfterEach
  void leaveNoProcessRunning() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    if (baton != null) {
      baton.kill();
    }
    Optional<Long> postgres = postmasterPid();
    if (postgres.isPresent()) {
      // Fast shutdown of the PostgreSQL this test started, by its own pid: never leave it behind.
      new ProcessBuilder("kill", "-INT", postgres.get().toString()).inheritIO().start().waitFor();
      ProcessHandle.of(postgres.get())
          .ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    }
  }

  private Optional<Long> postmasterPid() throws IOException {
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    return lines.isEmpty() || lines.get(0).isBlank()
        ? Optional.empty()
        : Optional.of(Long.parseLong(lines.get(0).trim()))
            .filter(pid -> ProcessHandle.of(pid).isPresent());
  }
}
