package io.baton.release;

import static io.baton.testing.GraphqlWebSocketClient.subscribe;
import static io.baton.testing.ReleaseJson.stepOf;
import static io.baton.testing.ReleaseJson.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.audit.Audit;
import io.baton.db.DatabaseUrl;
import io.baton.testing.GraphqlWebSocketClient;
import io.baton.testing.MutableClock;
import io.baton.testing.Poll;
import io.baton.testing.QuickStartCatalog;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Line control holds steps before their actions, on a real PostgreSQL with the injected clock and a
 * scripted action standing in for Git: freeze windows, paused environments, pinned applications.
 */
class LineControlTest {
  private static final String FIELDS =
      "id status message steps { environment { name } status message commitSha attempt }";

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmX").withZone(ZoneOffset.UTC);

  private final ScriptedAction action = new ScriptedAction();
  private final MutableClock clock = new MutableClock();
  private DatabaseUrl database;
  private TestServer server;
  private TestServer other;

  @BeforeEach
  void quickStartWorld() {
    database = TestPostgres.newDatabase();
    server = start();
    QuickStartCatalog.create(server::data);
    QuickStartCatalog.createFlow(server::data, "PT1H");
  }

  private TestServer start() {
    return TestServer.start(
        database, clock, false, new Baton.Parts(action, action, ReleaseEngineTest.FAST));
  }

  @AfterEach
  void stop() throws Exception {
    if (other != null) {
      other.close();
    }
    server.close();
  }

  private String trigger() {
    return server
        .data(
            "mutation { triggerPromotionFlow(input: {flow: \"multi-env-sequential-promotion\", "
                + "product: \"demo-trioapp\"}) { id } }")
        .getJsonObject("triggerPromotionFlow")
        .getString("id");
  }

  private JsonObject release(TestServer on, String id) {
    return on.data("query($id: ID!) { release(id: $id) { " + FIELDS + " } }", Map.of("id", id))
        .getJsonObject("release");
  }

  private JsonObject await(TestServer on, String id, String what, Predicate<JsonObject> done) {
    return Poll.until(
        () -> release(on, id), done, Duration.ofSeconds(20), what + " of release " + id);
  }

  private JsonObject awaitStatus(String id, String status) {
    return await(server, id, "status " + status, r -> status.equals(r.getString("status")));
  }

  private JsonObject awaitHeld(String id, String env) {
    return await(
        server, id, env + " held", r -> "SUSPENDED".equals(stepOf(r, env).getString("status")));
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

  private void window(String name, Instant start, Instant end) {
    server.data(
        "mutation($s: DateTime, $e: DateTime) { createFreezeWindow(input: {name: \""
            + name
            + "\", environments: [\"prod\"], start: $s, end: $e, reason: \"year end\"}) { name } }",
        Map.of("s", start.toString(), "e", end.toString()));
  }

  @Test
  void a_window_on_prod_holds_prod_until_it_closes_and_an_override_lets_a_release_through() {
    Instant now = clock.instant();
    Instant end = now.plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
    window("year-end", now.minus(Duration.ofMinutes(1)), end);
    JsonObject prodWindow =
        server.data("{ environment(name: \"prod\") { frozenBy { name active } } }");
    assertThat(prodWindow.getJsonObject("environment").getJsonObject("frozenBy").getString("name"))
        .isEqualTo("year-end");

    String id = trigger();
    JsonObject held = awaitHeld(id, "prod");
    assertThat(stepStatuses(held))
        .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUSPENDED");
    assertThat(stepOf(held, "prod").getString("message"))
        .isEqualTo("Frozen by window year-end until " + end.toString().replace(":00Z", "Z"));
    assertThat(action.requestsFor("prod")).isZero();
    assertThat(held.getString("status")).isEqualTo("SUSPENDED");
    assertThat(held.getString("message")).isEqualTo(stepOf(held, "prod").getString("message"));

    clock.advance(Duration.ofMinutes(31));
    JsonObject done = awaitStatus(id, "SUCCEEDED");
    assertThat(stepOf(done, "prod").getString("commitSha")).isEqualTo("c0ffee1prod");

    window(
        "second",
        clock.instant().minus(Duration.ofMinutes(1)),
        clock.instant().plus(Duration.ofHours(1)));
    String second = trigger();
    awaitHeld(second, "prod");
    server.data(
        "mutation($id: ID!) { overrideFreeze(input: {releaseId: $id, environment: \"prod\","
            + " reason: \"hotfix for incident 7\"}) { id } }",
        Map.of("id", second));
    awaitStatus(second, "SUCCEEDED");
    assertThat(events(second))
        .containsSubsequence(
            "prod:SUSPENDED:Frozen by window second until "
                + MINUTES.format(clock.instant().plus(Duration.ofHours(1))),
            "prod:SUSPENDED:freeze overridden by admin: hotfix for incident 7",
            "prod:RUNNING:no longer held",
            "prod:SUCCEEDED:promoted " + ScriptedAction.VERSION);
    JsonObject audit = server.data("{ auditLog(first: 20) { nodes { actor operation input } } }");
    assertThat(
            audit.getJsonObject("auditLog").getJsonArray("nodes").stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("operation").equals("overrideFreeze"))
                .map(e -> e.getString("actor") + " " + e.getString("input")))
        .singleElement()
        .asString()
        .startsWith("admin ")
        .contains("hotfix for incident 7")
        .contains(second);
  }

  @Test
  void pausing_qa_holds_a_release_before_qas_commit_and_resuming_lets_it_finish() {
    server.data("mutation { pauseEnvironment(name: \"qa\", reason: \"incident 42\") { paused } }");
    String id = trigger();
    JsonObject held = awaitHeld(id, "qa");
    assertThat(stepOf(held, "qa").getString("message"))
        .startsWith("qa is paused by ")
        .endsWith(": incident 42");
    assertThat(action.requestsFor("qa")).isZero();
    assertThat(held.getString("status")).isEqualTo("SUSPENDED");
    assertThat(held.getString("message")).isEqualTo(stepOf(held, "qa").getString("message"));
    JsonObject env = server.data("{ environment(name: \"qa\") { paused pauseReason } }");
    assertThat(env.getJsonObject("environment").getBoolean("paused")).isTrue();

    server.data("mutation { resumeEnvironment(name: \"qa\") { paused } }");
    assertThat(stepStatuses(awaitStatus(id, "SUCCEEDED")))
        .containsExactly("dev=SUCCEEDED", "qa=SUCCEEDED", "prod=SUCCEEDED");
    List<String> events = events(id);
    assertThat(events)
        .containsSubsequence(
            "release:RUNNING:null",
            "release:SUSPENDED:" + stepOf(held, "qa").getString("message"),
            "qa:RUNNING:no longer held",
            "release:RUNNING:null",
            "release:SUCCEEDED:null");
  }

  /**
   * Whether a release's status agrees with its steps: SUSPENDED exactly when one waits and none
   * runs.
   */
  private static boolean agrees(JsonObject release) {
    List<String> steps = stepStatuses(release);
    boolean running = steps.stream().anyMatch(s -> s.endsWith("=RUNNING"));
    boolean waiting = steps.stream().anyMatch(s -> s.endsWith("=SUSPENDED"));
    return switch (release.getString("status")) {
      case "RUNNING" -> running || !waiting;
      case "SUSPENDED" -> waiting && !running;
      default -> true;
    };
  }

  @Test
  void a_release_is_never_read_with_a_held_step_beside_its_status_from_before() throws Exception {
    server.data("mutation { pauseEnvironment(name: \"qa\", reason: \"incident 42\") { name } }");
    server.data("mutation { pauseEnvironment(name: \"prod\", reason: \"on fire\") { name } }");
    AtomicReference<String> current = new AtomicReference<>(trigger());
    AtomicBoolean done = new AtomicBoolean();
    List<JsonObject> disagreeing = new CopyOnWriteArrayList<>();
    ExecutorService readers = Executors.newFixedThreadPool(2);
    List<Future<?>> reading = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      reading.add(
          readers.submit(
              () -> {
                while (!done.get()) {
                  JsonObject release = release(server, current.get());
                  if (!agrees(release)) {
                    disagreeing.add(release);
                  }
                }
              }));
    }
    try {
      // Each round: held at qa (SUSPENDED), released (RUNNING), held at prod (SUSPENDED), ended.
      for (int round = 0; round < 4; round++) {
        String id = current.get();
        awaitHeld(id, "qa");
        server.data("mutation { resumeEnvironment(name: \"qa\") { name } }");
        awaitHeld(id, "prod");
        server.data("mutation { pauseEnvironment(name: \"qa\", reason: \"again\") { name } }");
        server.data("mutation($id: ID!) { terminateRelease(id: $id) { id } }", Map.of("id", id));
        awaitStatus(id, "TERMINATED");
        current.set(trigger());
      }
    } finally {
      done.set(true);
      readers.shutdown();
    }
    for (Future<?> reader : reading) {
      reader.get(20, TimeUnit.SECONDS);
    }
    assertThat(disagreeing).isEmpty();
  }

  @Test
  void pinning_prod_makes_the_next_release_wait_at_prod_and_unpinning_lets_it_finish() {
    server.data(
        "mutation { pinApplication(name: \"demo-trioapp-prod\", reason: \"keep 1.1.0\") { pinned } }");
    String id = trigger();
    JsonObject held = awaitHeld(id, "prod");
    assertThat(stepOf(held, "prod").getString("message"))
        .startsWith("demo-trioapp-prod is pinned by ")
        .endsWith(": keep 1.1.0");
    server.data("mutation { unpinApplication(name: \"demo-trioapp-prod\") { pinned } }");
    awaitStatus(id, "SUCCEEDED");
  }

  /** An engine that polls once a minute: only a change made known at once moves it sooner. */
  private static EngineOptions slowPoll(String instance) {
    return new EngineOptions(
        instance,
        Duration.ofSeconds(10),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1),
        64,
        0,
        Duration.ofMillis(10));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a window deleted"
            + " | createFreezeWindow(input: {name: \"forever\", environments: [\"prod\"],"
            + " start: \"2020-01-01T00:00:00Z\", end: \"2100-01-01T00:00:00Z\", reason: \"r\"}) { name }"
            + " | deleteFreezeWindow(name: \"forever\") { name }",
        "an environment resumed"
            + " | pauseEnvironment(name: \"prod\", reason: \"on fire\") { name }"
            + " | resumeEnvironment(name: \"prod\") { name }",
        "an application unpinned"
            + " | pinApplication(name: \"demo-trioapp-prod\", reason: \"keep it\") { name }"
            + " | unpinApplication(name: \"demo-trioapp-prod\") { name }",
      })
  void a_hold_lifted_on_another_instance_releases_a_held_step_well_before_the_next_poll(
      String what, String hold, String lift) {
    server.close();
    server =
        TestServer.start(database, clock, false, new Baton.Parts(action, action, slowPoll("a")));
    other =
        TestServer.start(database, clock, false, new Baton.Parts(action, action, slowPoll("b")));
    server.data("mutation { " + hold + " }");
    String id = trigger();
    awaitHeld(id, "prod");

    other.data("mutation { " + lift + " }");

    // Both poll once a minute: the line's version, moved by the change on b, is what finds it.
    JsonObject done =
        Poll.until(
            () -> release(server, id),
            r -> "SUCCEEDED".equals(r.getString("status")),
            Duration.ofSeconds(10),
            what + ": release " + id + " to succeed");
    assertThat(stepStatuses(done)).contains("prod=SUCCEEDED");
    assertThat(action.requestsFor("prod")).isEqualTo(1);
  }

  @Test
  void a_manual_promotion_into_a_frozen_paused_or_pinned_environment_waits_like_a_flow_step() {
    window(
        "freeze",
        clock.instant().minus(Duration.ofMinutes(1)),
        clock.instant().plus(Duration.ofHours(1)));
    server.data("mutation { pauseEnvironment(name: \"prod\", reason: \"on fire\") { name } }");
    server.data(
        "mutation { pinApplication(name: \"demo-trioapp-prod\", reason: \"keep 1.1.0\") { name } }");
    String id =
        server
            .data(
                "mutation { promote(input: {product: \"demo-trioapp\", sourceEnvironment: \"qa\", "
                    + "targetEnvironment: \"prod\"}) { id promotionFlowName } }")
            .getJsonObject("promote")
            .getString("id");

    JsonObject paused = awaitHeld(id, "prod");
    assertThat(paused.getString("status")).isEqualTo("SUSPENDED");
    assertThat(stepOf(paused, "prod").getString("message")).startsWith("prod is paused by ");
    server.data("mutation { resumeEnvironment(name: \"prod\") { name } }");
    JsonObject pinned =
        await(
            server,
            id,
            "held by the pin",
            r -> stepOf(r, "prod").getString("message").contains("is pinned by"));
    assertThat(pinned.getString("status")).isEqualTo("SUSPENDED");
    server.data("mutation { unpinApplication(name: \"demo-trioapp-prod\") { name } }");
    JsonObject frozen =
        await(
            server,
            id,
            "held by the window",
            r -> stepOf(r, "prod").getString("message").startsWith("Frozen by window freeze"));
    assertThat(frozen.getString("status")).isEqualTo("SUSPENDED");
    assertThat(action.requestsFor("prod")).isZero();

    server.data("mutation { deleteFreezeWindow(name: \"freeze\") { name } }");
    assertThat(stepOf(awaitStatus(id, "SUCCEEDED"), "prod").getString("commitSha"))
        .isEqualTo("c0ffee1prod");
    assertThat(action.requestsFor("prod")).isEqualTo(1);
  }

  @Test
  void a_release_started_by_a_commit_waits_at_a_pinned_application_like_any_other() {
    server.data(
        "mutation { pinApplication(name: \"demo-trioapp-prod\", reason: \"keep 1.1.0\") { name } }");
    String sha = "89abcdef0123456789abcdef0123456789abcdef";
    Release automatic =
        server
            .baton()
            .services()
            .releases()
            .trigger(
                new ReleaseService.Trigger("multi-env-sequential-promotion", "demo-trioapp", null),
                new TriggerSource.Commit(sha),
                Audit.of("auto:" + sha, "autoTrigger", Map.of("commit", sha)))
            .toCompletionStage()
            .toCompletableFuture()
            .orTimeout(20, TimeUnit.SECONDS)
            .join();
    String id = String.valueOf(automatic.id());

    JsonObject held = awaitHeld(id, "prod");
    assertThat(held.getString("status")).isEqualTo("SUSPENDED");
    assertThat(stepOf(held, "prod").getString("message"))
        .isEqualTo("demo-trioapp-prod is pinned by admin: keep 1.1.0");
    assertThat(action.requestsFor("prod")).isZero();
    server.data("mutation { unpinApplication(name: \"demo-trioapp-prod\") { name } }");
    awaitStatus(id, "SUCCEEDED");
  }

  @Test
  void a_held_release_is_still_terminated_by_a_person_and_by_its_flow_timeout() {
    server.data("mutation { pauseEnvironment(name: \"prod\", reason: \"on fire\") { paused } }");
    String first = trigger();
    awaitHeld(first, "prod");
    server.data("mutation($id: ID!) { terminateRelease(id: $id) { id } }", Map.of("id", first));
    assertThat(stepOf(awaitStatus(first, "TERMINATED"), "prod").getString("status"))
        .isEqualTo("TERMINATED");

    String second = trigger();
    awaitHeld(second, "prod");
    clock.advance(Duration.ofHours(1).plusMinutes(1));
    assertThat(awaitStatus(second, "TERMINATED").getString("message")).contains("timeout");
    assertThat(action.requestsFor("prod")).isZero();
  }
}
