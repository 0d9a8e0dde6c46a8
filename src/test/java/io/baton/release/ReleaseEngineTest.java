package io.baton.release;

import static io.baton.testing.GraphqlWebSocketClient.subscribe;
import static io.baton.testing.ReleaseJson.stepOf;
import static io.baton.testing.ReleaseJson.stepStatuses;
import static io.baton.testing.TestServer.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.audit.Audit;
import io.baton.auth.Principal;
import io.baton.auth.Role;
import io.baton.error.BatonException;
import io.baton.release.ScriptedAction.Behaviour;
import io.baton.testing.GraphqlWebSocketClient;
import io.baton.testing.MutableClock;
import io.baton.testing.Poll;
import io.baton.testing.QuickStartCatalog;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's semantics through GraphQL, on a real PostgreSQL, with a scripted action standing in
 * for Git (the Git promotion has tests of its own).
 */
class ReleaseEngineTest {
  static final EngineOptions FAST =
      new EngineOptions(
          "test-engine",
          Duration.ofSeconds(2),
          Duration.ofMillis(100),
          Duration.ofMillis(100),
          64,
          0,
          Duration.ofMillis(10));

  static final String RELEASE_FIELDS =
      """
      id status message promotionFlowName triggeredBy version sourceCommit
      steps { environment { name } action status message commitSha version attempt }""";

  private final ScriptedAction action = new ScriptedAction();
  private final MutableClock clock = new MutableClock();
  private TestServer server;

  @BeforeEach
  void quickStartWorld() {
    server =
        TestServer.start(
            TestPostgres.newDatabase(), clock, false, new Baton.Parts(action, action, FAST));
    QuickStartCatalog.create(server::data);
    QuickStartCatalog.createFlow(server::data, "PT5M");
  }

  @AfterEach
  void stop() {
    action.releaseHanging();
    server.close();
  }

  private JsonObject trigger() {
    return server
        .data(
            "mutation { triggerPromotionFlow(input: {flow: \"multi-env-sequential-promotion\", "
                + "product: \"demo-trioapp\"}) { "
                + RELEASE_FIELDS
                + " } }")
        .getJsonObject("triggerPromotionFlow");
  }

  private JsonObject release(String id) {
    return server
        .data("query($id: ID!) { release(id: $id) { " + RELEASE_FIELDS + " } }", Map.of("id", id))
        .getJsonObject("release");
  }

  private JsonObject awaitStatus(String id, String status) {
    return Poll.until(
        () -> release(id),
        r -> status.equals(r.getString("status")),
        Duration.ofSeconds(20),
        "release " + id + " to be " + status);
  }

  private JsonObject awaitStep(String id, String env, String status) {
    return Poll.until(
        () -> release(id),
        r -> status.equals(stepOf(r, env).getString("status")),
        Duration.ofSeconds(20),
        "step " + env + " of release " + id + " to be " + status);
  }

  @Test
  void a_subscriber_sees_qa_succeed_before_prod_starts_then_the_release_succeed() {
    try (GraphqlWebSocketClient ws =
        GraphqlWebSocketClient.acknowledged(server.port(), TestServer.ADMIN_TOKEN)) {
      ws.send(
          subscribe(
              "events",
              "subscription { releaseEvents(product: \"demo-trioapp\") { cursor status "
                  + "previousStatus environment { name } release { id status } } }",
              new JsonObject()));
      Poll.until(
          () -> server.baton().services().releases().subscribers(),
          n -> n == 1,
          Duration.ofSeconds(10),
          "the subscription to be live");
      String id = trigger().getString("id");
      ws.await(
          m -> "next".equals(m.getString("type")) && isReleaseEvent(m, "SUCCEEDED"),
          Duration.ofSeconds(20));

      List<String> seen =
          ws.nextPayloads("events").stream()
              .map(p -> p.getJsonObject("data").getJsonObject("releaseEvents"))
              .map(
                  e ->
                      (e.getJsonObject("environment") == null
                              ? "release"
                              : e.getJsonObject("environment").getString("name"))
                          + ":"
                          + e.getString("status"))
              .toList();
      assertThat(seen)
          .containsSubsequence(
              "qa:SUCCEEDED", "prod:RUNNING", "prod:SUCCEEDED", "release:SUCCEEDED");
      assertThat(seen.indexOf("qa:SUCCEEDED")).isLessThan(seen.indexOf("prod:RUNNING"));
      assertThat(seen.get(seen.size() - 1)).isEqualTo("release:SUCCEEDED");

      JsonObject release = release(id);
      assertThat(stepStatuses(release))
          .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUCCEEDED");
      assertThat(release.getString("promotionFlowName"))
          .isEqualTo("multi-env-sequential-promotion");
      assertThat(release.getString("triggeredBy")).isEqualTo("admin");
      assertThat(release.getString("sourceCommit")).isEqualTo(ScriptedAction.COMMIT);
      assertThat(stepOf(release, "dev").getString("commitSha")).isEqualTo(ScriptedAction.COMMIT);
      assertThat(stepOf(release, "prod").getString("version")).isEqualTo(ScriptedAction.VERSION);
    }
  }

  private static boolean isReleaseEvent(JsonObject message, String status) {
    JsonObject event =
        message.getJsonObject("payload").getJsonObject("data").getJsonObject("releaseEvents");
    return event.getJsonObject("environment") == null && status.equals(event.getString("status"));
  }

  @Test
  void the_releases_list_is_newest_first_with_the_flow_name_and_manual_for_a_promote() {
    String first = trigger().getString("id");
    awaitStatus(first, "SUCCEEDED");
    JsonObject manual =
        server
            .data(
                "mutation { promote(input: {product: \"demo-trioapp\", sourceEnvironment: \"qa\", "
                    + "targetEnvironment: \"prod\"}) { "
                    + RELEASE_FIELDS
                    + " } }")
            .getJsonObject("promote");
    assertThat(manual.getString("promotionFlowName")).isEqualTo("Manual");
    assertThat(stepStatuses(manual)).hasSize(1).first().asString().startsWith("prod=");
    assertThat(manual.getJsonArray("steps").getJsonObject(0).getString("action"))
        .isEqualTo("COMMIT");
    awaitStatus(manual.getString("id"), "SUCCEEDED");

    JsonObject page =
        server
            .data(
                "{ releases(product: \"demo-trioapp\", first: 10) { edges { cursor node { id "
                    + "promotionFlowName } } pageInfo { hasNextPage endCursor } } }")
            .getJsonObject("releases");
    JsonArray edges = page.getJsonArray("edges");
    assertThat(
            edges.stream()
                .map(e -> ((JsonObject) e).getJsonObject("node").getString("promotionFlowName")))
        .containsExactly("Manual", "multi-env-sequential-promotion");
    assertThat(page.getJsonObject("pageInfo").getBoolean("hasNextPage")).isFalse();

    JsonObject onlyFlow =
        server
            .data(
                "{ releases(promotionFlow: \"multi-env-sequential-promotion\") { nodes { id } } }")
            .getJsonObject("releases");
    assertThat(onlyFlow.getJsonArray("nodes")).hasSize(1);
    JsonObject second =
        server
            .data("{ releases(first: 1) { nodes { id } pageInfo { hasNextPage endCursor } } }")
            .getJsonObject("releases");
    assertThat(second.getJsonObject("pageInfo").getBoolean("hasNextPage")).isTrue();
    JsonObject next =
        server
            .data(
                "query($a: String) { releases(first: 1, after: $a) { nodes { id } } }",
                Map.of("a", second.getJsonObject("pageInfo").getString("endCursor")))
            .getJsonObject("releases");
    assertThat(next.getJsonArray("nodes").getJsonObject(0).getString("id")).isEqualTo(first);
  }

  @Test
  void replay_from_an_early_cursor_returns_exactly_the_later_events_in_order() {
    String id = trigger().getString("id");
    awaitStatus(id, "SUCCEEDED");
    String query =
        "subscription($id: ID, $after: String) { releaseEvents(releaseId: $id, after: $after) { cursor "
            + "status environment { name } } }";
    List<JsonObject> all;
    try (GraphqlWebSocketClient ws =
        GraphqlWebSocketClient.acknowledged(server.port(), TestServer.ADMIN_TOKEN)) {
      ws.send(subscribe("all", query, new JsonObject().put("id", id)));
      ws.await(m -> "complete".equals(m.getString("type")), Duration.ofSeconds(10));
      all =
          ws.nextPayloads("all").stream()
              .map(p -> p.getJsonObject("data").getJsonObject("releaseEvents"))
              .toList();
    }
    assertThat(all).hasSizeGreaterThan(6);
    assertThat(all.stream().map(e -> e.getString("cursor")).distinct()).hasSize(all.size());
    try (GraphqlWebSocketClient ws =
        GraphqlWebSocketClient.acknowledged(server.port(), TestServer.ADMIN_TOKEN)) {
      ws.send(
          subscribe(
              "later",
              query,
              new JsonObject().put("id", id).put("after", all.get(2).getString("cursor"))));
      ws.await(m -> "complete".equals(m.getString("type")), Duration.ofSeconds(10));
      List<JsonObject> later =
          ws.nextPayloads("later").stream()
              .map(p -> p.getJsonObject("data").getJsonObject("releaseEvents"))
              .toList();
      assertThat(later).isEqualTo(all.subList(3, all.size()));
    }
  }

  @Test
  void terminating_a_release_whose_qa_hangs_returns_at_once_with_qa_terminated_and_prod_skipped() {
    action.on("qa", Behaviour.HANG);
    String id = trigger().getString("id");
    awaitStep(id, "qa", "RUNNING");
    Poll.until(
        () -> action.requestsFor("qa"), n -> n > 0, Duration.ofSeconds(10), "qa's action to start");

    var response =
        server.send(
            HttpRequest.newBuilder(server.uri("/graphql"))
                .timeout(Duration.ofSeconds(2))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject()
                            .put(
                                "query",
                                "mutation($id: ID!) { terminateRelease(id: $id) { status } }")
                            .put("variables", new JsonObject().put("id", id))
                            .encode()))
                .build());
    assertThat(
            new JsonObject(response.body())
                .getJsonObject("data")
                .getJsonObject("terminateRelease")
                .getString("status"))
        .isEqualTo("TERMINATED");

    JsonObject release = release(id);
    assertThat(stepStatuses(release))
        .containsExactly("dev=SUCCEEDED", "qa=TERMINATED", "prod=SKIPPED");
    assertThat(release.getString("message")).isEqualTo("terminated by admin");

    action.releaseHanging();
    Poll.until(
        () -> action.requestsFor("qa"), n -> n == 1, Duration.ofSeconds(2), "no second attempt");
    assertThat(stepStatuses(release(id)))
        .containsExactly("dev=SUCCEEDED", "qa=TERMINATED", "prod=SKIPPED");
  }

  @Test
  void the_flow_timeout_terminates_a_hanging_release_and_says_so() {
    server.data(
        "mutation { updatePromotionFlow(input: {name: \"multi-env-sequential-promotion\", timeout: \"PT3S\"}) "
            + "{ timeout } }");
    action.on("qa", Behaviour.HANG);
    String id = trigger().getString("id");
    awaitStep(id, "qa", "RUNNING");
    clock.advance(Duration.ofSeconds(4));
    JsonObject release = awaitStatus(id, "TERMINATED");
    assertThat(release.getString("message")).contains("timed out").contains("PT3S");
    assertThat(stepStatuses(release))
        .containsExactly("dev=SUCCEEDED", "qa=TERMINATED", "prod=SKIPPED");
  }

  @Test
  void with_queue_concurrency_a_second_release_waits_then_starts_when_the_first_ends() {
    action.on("qa", Behaviour.HANG);
    String first = trigger().getString("id");
    awaitStep(first, "qa", "RUNNING");
    JsonObject second = trigger();
    assertThat(second.getString("status")).isEqualTo("QUEUED");
    assertThat(stepStatuses(second)).containsOnly("dev=PENDING", "qa=PENDING", "prod=PENDING");

    action.on("qa", Behaviour.SUCCEED);
    server.data("mutation($id: ID!) { terminateRelease(id: $id) { status } }", Map.of("id", first));
    JsonObject done = awaitStatus(second.getString("id"), "SUCCEEDED");
    assertThat(stepStatuses(done))
        .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUCCEEDED");
  }

  @Test
  void with_terminate_concurrency_a_new_release_terminates_the_running_one_and_names_itself() {
    server.data(
        "mutation { updateProduct(input: {name: \"demo-trioapp\", concurrency: TERMINATE}) { concurrency } }");
    action.on("qa", Behaviour.HANG);
    String first = trigger().getString("id");
    awaitStep(first, "qa", "RUNNING");
    JsonObject second = trigger();
    assertThat(second.getString("status")).isEqualTo("RUNNING");
    JsonObject ended = release(first);
    assertThat(ended.getString("status")).isEqualTo("TERMINATED");
    assertThat(ended.getString("message"))
        .isEqualTo("terminated: replaced by release " + second.getString("id"));
    assertThat(stepStatuses(ended))
        .containsExactly("dev=SUCCEEDED", "qa=TERMINATED", "prod=SKIPPED");
  }

  /**
   * A trigger made in-process, not awaited: several in a row go out together, into shared batches.
   */
  private Future<Release> triggerInProcess(String flow, String product) {
    return server
        .baton()
        .services()
        .releases()
        .trigger(
            new ReleaseService.Trigger(flow, product, null),
            new Principal(0, "admin", Role.ADMIN),
            Audit.of("admin", "triggerPromotionFlow", Map.of("product", product)));
  }

  private static void awaitAll(List<Future<Release>> triggered) {
    Future.join(triggered)
        .toCompletionStage()
        .toCompletableFuture()
        .orTimeout(20, TimeUnit.SECONDS)
        .exceptionally(e -> null)
        .join();
  }

  /**
   * Fires {@code n} triggers at once, so that they are looked up and created in shared batches; the
   * releases come back in the order they were created (by id): concurrent triggers have no order of
   * their own.
   */
  private List<Release> burst(int n, String product) {
    List<Future<Release>> triggered = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      triggered.add(triggerInProcess("multi-env-sequential-promotion", product));
    }
    awaitAll(triggered);
    assertThat(triggered).allMatch(Future::succeeded);
    return triggered.stream()
        .map(Future::result)
        .sorted(Comparator.comparingLong(Release::id))
        .toList();
  }

  @Test
  void a_burst_of_triggers_is_created_in_order_each_queued_behind_the_one_before() {
    action.on("qa", Behaviour.HANG);
    List<Release> created = burst(12, "demo-trioapp");
    List<Long> ids = created.stream().map(Release::id).toList();
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(created.get(0).status()).isEqualTo(ReleaseStatus.RUNNING);
    assertThat(created.subList(1, 12)).allMatch(r -> r.status() == ReleaseStatus.QUEUED);

    // Each one ending lets exactly the next start: the queue keeps the burst's order.
    action.on("qa", Behaviour.SUCCEED);
    server.data(
        "mutation($id: ID!) { terminateRelease(id: $id) { status } }",
        Map.of("id", String.valueOf(ids.get(0))));
    JsonObject last = awaitStatus(String.valueOf(ids.get(11)), "SUCCEEDED");
    assertThat(stepStatuses(last))
        .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUCCEEDED");
    for (long id : ids.subList(1, 11)) {
      assertThat(release(String.valueOf(id)).getString("status")).isEqualTo("SUCCEEDED");
    }
  }

  @Test
  void
      in_a_burst_with_terminate_concurrency_each_release_replaces_the_one_before_and_only_the_last_runs() {
    server.data(
        "mutation { updateProduct(input: {name: \"demo-trioapp\", concurrency: TERMINATE}) { concurrency } }");
    action.on("qa", Behaviour.HANG);
    String running = trigger().getString("id");
    awaitStep(running, "qa", "RUNNING");
    List<Release> created = burst(8, "demo-trioapp");
    List<Long> ids = created.stream().map(Release::id).toList();
    assertThat(release(running).getString("message"))
        .isEqualTo("terminated: replaced by release " + ids.get(0));
    for (int i = 0; i < 7; i++) {
      JsonObject replaced = release(String.valueOf(ids.get(i)));
      assertThat(replaced.getString("status")).isEqualTo("TERMINATED");
      assertThat(replaced.getString("message"))
          .isEqualTo("terminated: replaced by release " + ids.get(i + 1));
    }
    assertThat(awaitStep(String.valueOf(ids.get(7)), "qa", "RUNNING").getString("status"))
        .isEqualTo("RUNNING");
  }

  @Test
  void a_trigger_that_fails_its_lookup_fails_alone_and_the_rest_of_its_batch_goes_on() {
    List<Future<Release>> triggered = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      triggered.add(
          triggerInProcess(
              i % 3 == 1 ? "no-such-flow" : "multi-env-sequential-promotion",
              i % 3 == 2 ? "no-such-product" : "demo-trioapp"));
    }
    awaitAll(triggered);
    for (int i = 0; i < 9; i++) {
      Future<Release> f = triggered.get(i);
      switch (i % 3) {
        case 0 -> assertThat(f.succeeded()).as("trigger %d", i).isTrue();
        case 1 -> assertThat(f.cause()).hasMessageContaining("no-such-flow");
        default -> assertThat(f.cause()).hasMessageContaining("no-such-product");
      }
    }
    long succeeded = triggered.stream().filter(Future::succeeded).count();
    assertThat(
            server
                .data(
                    "{ releases(product: \"demo-trioapp\", first: 20) { edges { node { id } } } }")
                .getJsonObject("releases")
                .getJsonArray("edges"))
        .hasSize((int) succeeded);
  }

  @Test
  void an_application_deleted_while_its_trigger_waits_fails_that_trigger_alone_not_its_batch() {
    server.data(
        "mutation { createProduct(input: {name: \"doomed\"}) { name } "
            + "createApplication(input: {name: \"doomed-dev\", product: \"doomed\", environment: \"dev\", "
            + "repoUrl: \"file:///nowhere/doomed.git\"}) { name } }");
    server.data(
        "mutation { createPromotionFlow(input: {name: \"none-flow\", version: \"1.0\", "
            + "triggerEnvironment: \"dev\", steps: [{environment: \"qa\", action: NONE}]}) { name } }");
    Promise<Void> gate = Promise.promise();
    action.pinGate = gate.future();
    List<Future<Release>> triggered = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      triggered.add(triggerInProcess("multi-env-sequential-promotion", "demo-trioapp"));
    }
    Future<Release> doomed = triggerInProcess("none-flow", "doomed");
    // Every pin has been asked for (the triggers' lookups are done); delete the application one of
    // them refers to,
    // then let the pins go: the creations line up behind each other and the doomed one shares a
    // batch.
    Poll.until(
        action.pins::get, n -> n == 7, Duration.ofSeconds(10), "all seven triggers to be pinning");
    server.data("mutation { deleteApplication(name: \"doomed-dev\") { name } }");
    gate.complete();

    List<Future<Release>> all = new ArrayList<>(triggered);
    all.add(doomed);
    awaitAll(all);
    assertThat(triggered).allMatch(Future::succeeded);
    assertThat(doomed.failed()).isTrue();
    assertThat(doomed.cause())
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("deleted meanwhile");
  }

  @Test
  void a_release_that_failed_on_a_broken_repository_succeeds_once_fixed_and_retried() {
    action.on("qa", Behaviour.FAIL);
    String id = trigger().getString("id");
    JsonObject failed = awaitStatus(id, "FAILED");
    assertThat(stepStatuses(failed)).containsExactly("dev=SUCCEEDED", "qa=FAILED", "prod=SKIPPED");
    assertThat(stepOf(failed, "qa").getString("message")).contains("is broken");
    assertThat(failed.getString("message")).startsWith("qa failed:");

    action.on("qa", Behaviour.SUCCEED);
    JsonObject retried =
        server
            .data("mutation($id: ID!) { retryRelease(id: $id) { status } }", Map.of("id", id))
            .getJsonObject("retryRelease");
    assertThat(retried.getString("status")).isEqualTo("RUNNING");
    JsonObject done = awaitStatus(id, "SUCCEEDED");
    assertThat(stepStatuses(done))
        .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUCCEEDED");
    assertThat(stepOf(done, "qa").getInteger("attempt")).isEqualTo(2);
    assertThat(stepOf(done, "dev").getInteger("attempt")).isEqualTo(1);
  }

  @Test
  void terminating_or_retrying_at_the_wrong_time_is_a_conflict() {
    String id = trigger().getString("id");
    awaitStatus(id, "SUCCEEDED");
    JsonObject terminate =
        server.graphql(
            "mutation($id: ID!) { terminateRelease(id: $id) { status } }", Map.of("id", id));
    assertThat(codeOf(terminate)).isEqualTo("CONFLICT");
    JsonObject retry =
        server.graphql("mutation($id: ID!) { retryRelease(id: $id) { status } }", Map.of("id", id));
    assertThat(codeOf(retry)).isEqualTo("CONFLICT");
    JsonObject missing = server.graphql("mutation { terminateRelease(id: \"999999\") { status } }");
    assertThat(codeOf(missing)).isEqualTo("NOT_FOUND");
  }

  @Test
  void a_release_snapshots_its_flow_so_later_edits_do_not_change_it() {
    action.on("qa", Behaviour.HANG);
    String id = trigger().getString("id");
    awaitStep(id, "qa", "RUNNING");
    server.data(
        "mutation { updatePromotionFlow(input: {name: \"multi-env-sequential-promotion\", "
            + "steps: [{environment: \"prod\"}]}) { name } }");
    assertThat(stepStatuses(release(id)))
        .containsExactly("dev=SUCCEEDED", "qa=RUNNING", "prod=PENDING");
  }
}
