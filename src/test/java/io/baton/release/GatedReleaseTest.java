package io.baton.release;

import static io.baton.testing.GraphqlWebSocketClient.subscribe;
import static io.baton.testing.ReleaseJson.stepOf;
import static io.baton.testing.ReleaseJson.stepStatuses;
import static io.baton.testing.TestServer.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.auth.Principal;
import io.baton.auth.Role;
import io.baton.gate.GateKind;
import io.baton.gate.GateSpec;
import io.baton.gate.GateWhen;
import io.baton.testing.GraphqlWebSocketClient;
import io.baton.testing.MutableClock;
import io.baton.testing.Poll;
import io.baton.testing.QuickStartCatalog;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine runs a step's gates (before its action, then after it) on a real PostgreSQL, with the
 * gates given to the quick-start flow's steps through the flow snapshots and a scripted action
 * standing in for Git.
 */
class GatedReleaseTest {
  private static final String FIELDS =
      "id status message steps { environment { name } status message commitSha attempt }";

  private final ScriptedAction action = new ScriptedAction();
  private final MutableClock clock = new MutableClock();
  private final Map<Long, List<GateSpec>> gatesByEnvironment = new ConcurrentHashMap<>();
  private Map<String, Long> environments;
  private TestServer server;
  private Vertx vertx;

  @BeforeEach
  void quickStartWorld() {
    server =
        TestServer.start(
            TestPostgres.newDatabase(),
            clock,
            false,
            new Baton.Parts(action, action, ReleaseEngineTest.FAST).withSnapshots(this::gated));
    QuickStartCatalog.create(server::data);
    QuickStartCatalog.createFlow(server::data, "PT5M");
    environments =
        server.data("{ environments { id name } }").getJsonArray("environments").stream()
            .map(JsonObject.class::cast)
            .collect(
                Collectors.toMap(e -> e.getString("name"), e -> Long.valueOf(e.getString("id"))));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** The catalog's snapshots, with the gates the test gives each environment's step. */
  private FlowSnapshots gated(FlowSnapshots catalog) {
    return names ->
        catalog
            .snapshots(names)
            .map(
                byName ->
                    byName.entrySet().stream()
                        .collect(
                            Collectors.toMap(
                                Map.Entry::getKey,
                                e ->
                                    new FlowSnapshots.FlowSnapshot(
                                        e.getValue().id(),
                                        e.getValue().name(),
                                        e.getValue().timeout(),
                                        e.getValue().triggerEnvironmentId(),
                                        e.getValue().steps().stream()
                                            .map(
                                                s ->
                                                    new FlowSnapshots.Step(
                                                        s.environmentId(),
                                                        s.dependsOn(),
                                                        s.action(),
                                                        gatesByEnvironment.getOrDefault(
                                                            s.environmentId(), s.gates())))
                                            .toList()))));
  }

  private void gate(String environment, GateSpec... gates) {
    gatesByEnvironment.put(environments.get(environment), List.of(gates));
  }

  private static GateSpec soak(Duration duration) {
    return new GateSpec(GateKind.SOAK, null, null, null, null, null, Optional.of(duration));
  }

  private static GateSpec approval(GateWhen when) {
    return new GateSpec(
        GateKind.APPROVAL, when, null, null, null, GateSpec.Approval.DEFAULTS, null);
  }

  private String trigger() {
    return server
        .data(
            "mutation { triggerPromotionFlow(input: {flow: \"multi-env-sequential-promotion\", "
                + "product: \"demo-trioapp\"}) { id } }")
        .getJsonObject("triggerPromotionFlow")
        .getString("id");
  }

  private JsonObject release(String id) {
    return server
        .data("query($id: ID!) { release(id: $id) { " + FIELDS + " } }", Map.of("id", id))
        .getJsonObject("release");
  }

  private JsonObject await(String id, String what, Predicate<JsonObject> done) {
    return Poll.until(() -> release(id), done, Duration.ofSeconds(20), what + " of release " + id);
  }

  private JsonObject awaitStatus(String id, String status) {
    return await(id, "status " + status, r -> status.equals(r.getString("status")));
  }

  private JsonObject awaitStep(String id, String env, String status) {
    return await(id, env + " " + status, r -> status.equals(stepOf(r, env).getString("status")));
  }

  private static final Principal PROMOTER = new Principal(7, "pat-promoter", Role.PROMOTER);

  private ReleaseService releases() {
    return server.baton().services().releases();
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The release's events, replayed from its start by a subscription, as "env:STATUS:message". */
  private List<String> events(String id) {
    try (GraphqlWebSocketClient ws =
        GraphqlWebSocketClient.acknowledged(server.port(), TestServer.ADMIN_TOKEN)) {
      ws.send(
          subscribe(
              "events",
              "subscription($id: ID!) { releaseEvents(releaseId: $id) { status message "
                  + "environment { name } } }",
              new JsonObject().put("id", id)));
      ws.await(
          m -> "complete".equals(m.getString("type")) && "events".equals(m.getString("id")),
          Duration.ofSeconds(20));
      return ws.nextPayloads("events").stream()
          .map(p -> p.getJsonObject("data").getJsonObject("releaseEvents"))
          .map(
              e ->
                  (e.getJsonObject("environment") == null
                          ? "release"
                          : e.getJsonObject("environment").getString("name"))
                      + ":"
                      + e.getString("status")
                      + ":"
                      + e.getString("message"))
          .toList();
    }
  }

  @Test
  void a_soak_on_qa_holds_prod_until_the_clock_passes_it() {
    gate("qa", soak(Duration.ofMinutes(2)));
    String id = trigger();
    JsonObject soaking =
        await(
            id,
            "qa soaking",
            r -> String.valueOf(stepOf(r, "qa").getString("message")).startsWith("Soaking"));
    assertThat(stepOf(soaking, "qa").getString("status")).isEqualTo("RUNNING");
    assertThat(stepOf(soaking, "prod").getString("status")).isEqualTo("PENDING");

    clock.advance(Duration.ofSeconds(90));
    assertThat(stepOf(release(id), "prod").getString("status")).isEqualTo("PENDING");

    clock.advance(Duration.ofSeconds(31));
    JsonObject done = awaitStatus(id, "SUCCEEDED");
    assertThat(stepStatuses(done))
        .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUCCEEDED");
    assertThat(events(id))
        .anyMatch(e -> e.startsWith("qa:RUNNING:Soaking"))
        .anyMatch(e -> e.startsWith("qa:RUNNING:SOAK gate 1 (AFTER) passed"))
        .containsSubsequence(
            events(id).stream().filter(e -> e.startsWith("qa:SUCCEEDED")).findFirst().orElseThrow(),
            events(id).stream()
                .filter(e -> e.startsWith("prod:RUNNING"))
                .findFirst()
                .orElseThrow());
  }

  @Test
  void the_flow_timeout_terminates_a_release_held_by_a_gate() {
    gate("qa", soak(Duration.ofMinutes(30)));
    String id = trigger();
    await(
        id,
        "qa soaking",
        r -> String.valueOf(stepOf(r, "qa").getString("message")).startsWith("Soaking"));
    clock.advance(Duration.ofMinutes(6));
    JsonObject ended = awaitStatus(id, "TERMINATED");
    assertThat(stepStatuses(ended))
        .containsExactly("dev=SUCCEEDED", "qa=TERMINATED", "prod=SKIPPED");
  }

  @Test
  void an_http_gate_waits_for_the_new_version_and_prod_starts_only_then() throws Exception {
    vertx = Vertx.vertx();
    String[] reported = {"1.0.0"};
    HttpServer http =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.response()
                        .putHeader("content-type", "application/json")
                        .end(new JsonObject().put("version", reported[0]).encode()))
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    gate(
        "qa",
        new GateSpec(
            GateKind.HTTP,
            GateWhen.AFTER,
            Optional.empty(),
            Optional.of(Duration.ofMillis(100)),
            new GateSpec.Http(
                "GET",
                "http://127.0.0.1:" + http.actualPort() + "/version",
                Map.of(),
                200,
                Optional.of("$.version"),
                Optional.of("{{version}}")),
            null,
            Optional.empty()));
    String id = trigger();
    JsonObject waiting =
        await(
            id,
            "qa waiting on HTTP",
            r ->
                "RUNNING".equals(stepOf(r, "qa").getString("status"))
                    && stepOf(r, "qa").getString("commitSha") != null
                    && stepOf(r, "qa").getString("message") != null
                    && stepOf(r, "qa").getString("message").contains("1.0.0"));
    assertThat(stepOf(waiting, "prod").getString("status")).isEqualTo("PENDING");
    assertThat(action.requestsFor("prod")).isZero();

    reported[0] = ScriptedAction.VERSION;
    clock.advance(Duration.ofSeconds(1));
    JsonObject done = awaitStatus(id, "SUCCEEDED");
    assertThat(stepStatuses(done))
        .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUCCEEDED");
    assertThat(action.requestsFor("qa")).isEqualTo(1);
  }

  @Test
  void an_approval_suspends_prod_and_the_release_until_a_promoter_approves_with_one_commit() {
    gate("prod", approval(GateWhen.BEFORE));
    String id = trigger();
    JsonObject suspended = awaitStatus(id, "SUSPENDED");
    assertThat(stepOf(suspended, "prod").getString("status")).isEqualTo("SUSPENDED");
    assertThat(stepOf(suspended, "prod").getString("message")).startsWith("Waiting for 1 more");
    assertThat(action.requestsFor("prod")).isZero();

    join(releases().approve(Long.parseLong(id), "prod", PROMOTER, "looks good"));
    JsonObject done = awaitStatus(id, "SUCCEEDED");
    assertThat(stepStatuses(done))
        .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUCCEEDED");
    assertThat(action.requestsFor("prod")).isEqualTo(1);
    assertThat(events(id))
        .contains("release:SUSPENDED:waiting for a person")
        .anyMatch(e -> e.startsWith("prod:SUSPENDED:Waiting for 1 more approval"))
        .anyMatch(e -> e.startsWith("prod:RUNNING:APPROVAL gate 1 (BEFORE) passed: Approved by"));
  }

  @Test
  void a_live_subscription_carries_each_event_with_the_gates_and_approvals_of_that_moment() {
    gate("prod", approval(GateWhen.BEFORE));
    String id = trigger();
    awaitStatus(id, "SUSPENDED");
    try (GraphqlWebSocketClient ws =
        GraphqlWebSocketClient.acknowledged(server.port(), TestServer.ADMIN_TOKEN)) {
      ws.send(
          subscribe(
              "live",
              "subscription($id: ID!) { releaseEvents(releaseId: $id) { status environment { name }"
                  + " release { steps { environment { name } gates { status } approvals { by } } }"
                  + " } }",
              new JsonObject().put("id", id)));
      ws.await(
          m ->
              "next".equals(m.getString("type"))
                  && m.getJsonObject("payload")
                      .getJsonObject("data")
                      .getJsonObject("releaseEvents")
                      .getString("status")
                      .equals("SUSPENDED"),
          Duration.ofSeconds(20));
      JsonObject replayed = lastEvent(ws);
      assertThat(stepOf(replayed.getJsonObject("release"), "prod").getJsonArray("approvals"))
          .isEmpty();

      join(releases().approve(Long.parseLong(id), "prod", PROMOTER, "looks good"));
      ws.await(
          m -> "complete".equals(m.getString("type")) && "live".equals(m.getString("id")),
          Duration.ofSeconds(20));
      JsonObject last = lastEvent(ws);
      assertThat(last.getString("status")).isEqualTo("SUCCEEDED");
      JsonObject prod = stepOf(last.getJsonObject("release"), "prod");
      assertThat(prod.getJsonArray("gates").getJsonObject(0).getString("status"))
          .isEqualTo("PASSED");
      assertThat(prod.getJsonArray("approvals").getJsonObject(0).getString("by"))
          .isEqualTo(PROMOTER.name());
    }
  }

  private static JsonObject lastEvent(GraphqlWebSocketClient ws) {
    List<JsonObject> payloads = ws.nextPayloads("live");
    return payloads.get(payloads.size() - 1).getJsonObject("data").getJsonObject("releaseEvents");
  }

  @Test
  void a_rejection_fails_the_step_with_the_comment_and_skips_downstream() {
    gate("qa", approval(GateWhen.BEFORE));
    String id = trigger();
    awaitStep(id, "qa", "SUSPENDED");
    join(releases().reject(Long.parseLong(id), "qa", PROMOTER, "not today"));
    JsonObject failed = awaitStatus(id, "FAILED");
    assertThat(stepStatuses(failed)).containsExactly("dev=SUCCEEDED", "qa=FAILED", "prod=SKIPPED");
    assertThat(stepOf(failed, "qa").getString("message"))
        .contains("APPROVAL gate 1 (BEFORE) failed")
        .contains("not today");
    assertThat(action.requestsFor("qa")).isZero();
  }

  @Test
  void retry_after_a_failed_gate_reruns_the_gate_without_a_second_commit() {
    gate("qa", approval(GateWhen.AFTER));
    String id = trigger();
    JsonObject waiting = awaitStep(id, "qa", "SUSPENDED");
    String commit = stepOf(waiting, "qa").getString("commitSha");
    assertThat(commit).isNotNull();
    join(releases().reject(Long.parseLong(id), "qa", PROMOTER, "smoke test red"));
    awaitStatus(id, "FAILED");

    server.data("mutation($id: ID!) { retryRelease(id: $id) { id } }", Map.of("id", id));
    JsonObject again = awaitStep(id, "qa", "SUSPENDED");
    assertThat(stepOf(again, "qa").getInteger("attempt")).isEqualTo(2);
    join(releases().approve(Long.parseLong(id), "qa", PROMOTER, "fixed"));
    JsonObject done = awaitStatus(id, "SUCCEEDED");
    assertThat(stepOf(done, "qa").getString("commitSha")).isEqualTo(commit);
    assertThat(action.requestsFor("qa")).isEqualTo(1);
    assertThat(action.requestsFor("prod")).isEqualTo(1);
  }

  private String token(String name, String role) {
    return server
        .data(
            "mutation($n: String!, $r: Role!) { createApiToken(input: {name: $n, role: $r}) { token } }",
            Map.of("n", name, "r", role))
        .getJsonObject("createApiToken")
        .getString("token");
  }

  private JsonObject answer(String token, String mutation, String id, String comment) {
    return server.graphql(
        token,
        "mutation($id: ID!, $c: String) { "
            + mutation
            + "(input: {releaseId: $id, environment: \"prod\", comment: $c}) { id status } }",
        Map.of("id", id, "c", comment));
  }

  @Test
  void approve_step_through_graphql_needs_a_promoter_and_takes_one_answer_per_person() {
    gate("prod", approval(GateWhen.BEFORE));
    String viewer = token("a-viewer", "VIEWER");
    String promoter = token("a-promoter", "PROMOTER");
    String id = trigger();
    awaitStatus(id, "SUSPENDED");

    assertThat(codeOf(answer(viewer, "approveStep", id, "me too"))).isEqualTo("FORBIDDEN");
    assertThat(codeOf(answer(viewer, "rejectStep", id, "no"))).isEqualTo("FORBIDDEN");
    JsonObject approved = answer(promoter, "approveStep", id, "ship it");
    assertThat(approved.containsKey("errors")).as(approved.encode()).isFalse();
    awaitStatus(id, "SUCCEEDED");
    assertThat(codeOf(answer(promoter, "approveStep", id, "again"))).isEqualTo("CONFLICT");
    assertThat(action.requestsFor("prod")).isEqualTo(1);
  }

  @Test
  void an_environment_rule_of_two_approvals_without_the_initiator_needs_two_other_promoters() {
    JsonObject rule =
        server.graphql(
            "mutation { updateEnvironment(input: {name: \"prod\", gates: [{kind: APPROVAL, "
                + "approvals: 2, allowInitiator: false}]}) { name } }");
    assertThat(rule.containsKey("errors")).as(rule.encode()).isFalse();
    String viewer = token("a-viewer", "VIEWER");
    String first = token("first-promoter", "PROMOTER");
    String second = token("second-promoter", "PROMOTER");
    String id = trigger();
    JsonObject suspended = awaitStatus(id, "SUSPENDED");
    assertThat(stepOf(suspended, "prod").getString("message")).startsWith("Waiting for 2 more");

    assertThat(codeOf(answer(viewer, "approveStep", id, "me too"))).isEqualTo("FORBIDDEN");
    JsonObject byInitiator = answer(TestServer.ADMIN_TOKEN, "approveStep", id, "my own");
    assertThat(codeOf(byInitiator)).isEqualTo("FORBIDDEN");
    assertThat(byInitiator.encode()).contains("started this release");
    assertThat(answer(first, "approveStep", id, "tests green").containsKey("errors")).isFalse();
    JsonObject halfway =
        await(
            id,
            "prod to count the first approval",
            r ->
                String.valueOf(stepOf(r, "prod").getString("message")).startsWith("Waiting for 1"));
    assertThat(stepOf(halfway, "prod").getString("status")).isEqualTo("SUSPENDED");
    assertThat(action.requestsFor("prod")).isZero();

    assertThat(answer(second, "approveStep", id, "ship it").containsKey("errors")).isFalse();
    awaitStatus(id, "SUCCEEDED");
    assertThat(action.requestsFor("prod")).isEqualTo(1);
    JsonArray approvals = stepOf(gatesOf(id), "prod").getJsonArray("approvals");
    assertThat(approvals.stream().map(a -> ((JsonObject) a).getString("comment")))
        .containsExactly("tests green", "ship it");

    String rejected = trigger();
    awaitStatus(rejected, "SUSPENDED");
    assertThat(answer(first, "rejectStep", rejected, "not on a Friday").containsKey("errors"))
        .isFalse();
    JsonObject failed = awaitStatus(rejected, "FAILED");
    assertThat(stepOf(failed, "prod").getString("message")).contains("not on a Friday");
    assertThat(action.requestsFor("prod")).isEqualTo(1);
  }

  private JsonObject gatesOf(String id) {
    return server
        .data(
            "query($id: ID!) { release(id: $id) { status steps { environment { name } status "
                + "gates { kind when status message } approvals { by approved comment at } } } }",
            Map.of("id", id))
        .getJsonObject("release");
  }

  private static JsonObject onlyGate(JsonObject release, String environment) {
    JsonArray gates = stepOf(release, environment).getJsonArray("gates");
    assertThat(gates).as(release.encode()).hasSize(1);
    return gates.getJsonObject(0);
  }

  private static String gateStatus(JsonObject release, String environment) {
    return onlyGate(release, environment).getString("status");
  }

  @Test
  void a_step_shows_its_gates_and_the_approvals_of_its_current_attempt() {
    gate("qa", soak(Duration.ofMinutes(2)));
    gate("prod", approval(GateWhen.BEFORE));
    String promoter = token("a-promoter", "PROMOTER");
    String id = trigger();

    JsonObject soaking =
        Poll.until(
            () -> gatesOf(id),
            r -> "RUNNING".equals(gateStatus(r, "qa")),
            Duration.ofSeconds(20),
            "qa's soak running");
    assertThat(onlyGate(soaking, "qa").getString("kind")).isEqualTo("SOAK");
    assertThat(onlyGate(soaking, "qa").getString("when")).isEqualTo("AFTER");
    assertThat(onlyGate(soaking, "prod"))
        .isEqualTo(
            new JsonObject()
                .put("kind", "APPROVAL")
                .put("when", "BEFORE")
                .put("status", "PENDING")
                .putNull("message"));
    assertThat(stepOf(soaking, "dev").getJsonArray("gates")).isEmpty();
    assertThat(stepOf(soaking, "prod").getJsonArray("approvals")).isEmpty();

    clock.advance(Duration.ofMinutes(2).plusSeconds(1));
    JsonObject suspended =
        Poll.until(
            () -> gatesOf(id),
            r -> "SUSPENDED".equals(gateStatus(r, "prod")),
            Duration.ofSeconds(20),
            "prod's approval suspended");
    assertThat(gateStatus(suspended, "qa")).isEqualTo("PASSED");
    assertThat(onlyGate(suspended, "prod").getString("message")).startsWith("Waiting for 1 more");
    assertThat(stepOf(suspended, "prod").getJsonArray("approvals")).isEmpty();

    JsonObject approved = answer(promoter, "approveStep", id, "ship it");
    assertThat(approved.containsKey("errors")).as(approved.encode()).isFalse();
    JsonObject done =
        Poll.until(
            () -> gatesOf(id),
            r -> "SUCCEEDED".equals(r.getString("status")),
            Duration.ofSeconds(20),
            "release succeeded");
    assertThat(gateStatus(done, "prod")).isEqualTo("PASSED");
    JsonArray approvals = stepOf(done, "prod").getJsonArray("approvals");
    assertThat(approvals).hasSize(1);
    assertThat(approvals.getJsonObject(0).getString("by")).isEqualTo("a-promoter");
    assertThat(approvals.getJsonObject(0).getBoolean("approved")).isTrue();
    assertThat(approvals.getJsonObject(0).getString("comment")).isEqualTo("ship it");
    assertThat(approvals.getJsonObject(0).getString("at")).isNotNull();
  }
}
