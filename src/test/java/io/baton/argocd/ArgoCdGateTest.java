package io.baton.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.gate.GateCheck;
import io.baton.gate.GateKind;
import io.baton.gate.GateOutcome;
import io.baton.gate.GateSpec;
import io.baton.gate.StepFacts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ARGOCD gate against a real HTTP stand-in for Argo CD. */
class ArgoCdGateTest {
  static final String TOKEN = "argocd-token-for-tests";
  static final String COMMIT = "5d6e7f8a9b0c1d2e3f405162738495a6b7c8d9e0";
  static final String OLDER = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  static final Duration INTERVAL = Duration.ofMillis(300);
  static final Duration GRACE = Duration.ofMinutes(2);
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  Vertx vertx;
  ArgoCdStandIn argo;
  ArgoCdClient client;
  ArgoCdPoller poller;
  ArgoCdGate gate;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    argo = ArgoCdStandIn.start(vertx, TOKEN);
    gate = gate(Map.of("127.0.0.1", TOKEN));
  }

  ArgoCdGate gate(Map<String, String> tokens) {
    client = new ArgoCdClient(vertx, tokens, Duration.ofSeconds(10));
    poller = new ArgoCdPoller(vertx, client, INTERVAL);
    return new ArgoCdGate(client, poller, GRACE);
  }

  @AfterEach
  void stop() throws Exception {
    argo.close();
    await(vertx.close());
  }

  @Test
  void is_the_argocd_kind() {
    assertThat(gate.kind()).isEqualTo(GateKind.ARGOCD);
  }

  @Test
  void asks_argo_cd_to_refresh_the_application_once_after_the_commit() {
    argo.set("qa-app", "OutOfSync", OLDER, "Healthy");

    GateOutcome first = check(facts("qa-app", Optional.of(COMMIT)), new JsonObject(), NOW);
    JsonObject state = ((GateOutcome.Waiting) first).state();
    GateOutcome second = check(facts("qa-app", Optional.of(COMMIT)), state, NOW.plusSeconds(10));

    assertThat(argo.refreshes("qa-app")).isEqualTo(1);
    assertThat(state.getBoolean("refreshRequested")).isTrue();
    assertThat(second).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(argo.listRequests()).as("later looks are batched").isEqualTo(1);
  }

  @Test
  void before_the_step_made_a_commit_nothing_is_refreshed() {
    argo.set("qa-app", "Synced", OLDER, "Healthy");

    GateOutcome outcome = check(facts("qa-app", Optional.empty()), new JsonObject(), NOW);

    assertThat(argo.totalRefreshes()).isZero();
    assertThat(outcome).isInstanceOf(GateOutcome.Passed.class);
  }

  @Test
  void waits_while_argo_cd_says_progressing_with_a_message_saying_so() {
    argo.set("qa-app", "Synced", COMMIT, "Progressing");

    GateOutcome outcome = check(facts("qa-app", Optional.of(COMMIT)), new JsonObject(), NOW);

    assertThat(outcome).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(outcome.message())
        .isEqualTo(
            "Waiting for Argo CD: Progressing (application qa-app: Synced at 5d6e7f8, Progressing,"
                + " last operation Succeeded; expecting 5d6e7f8)");
    assertThat(((GateOutcome.Waiting) outcome).nextCheck()).isEqualTo(NOW.plus(INTERVAL));
  }

  @Test
  void without_an_interval_of_its_own_a_check_the_poller_answered_is_due_again_at_once() {
    argo.set("qa-app", "OutOfSync", OLDER, "Progressing");
    GateSpec spec = new GateSpec(GateKind.ARGOCD, null, null, null, null, null, null);

    GateOutcome refresh =
        await(gate.check(new GateCheck(spec, qa(), NOW, new JsonObject(), none(), List.of(), NOW)));
    GateOutcome polled =
        await(gate.check(new GateCheck(spec, qa(), NOW, state(refresh), none(), List.of(), NOW)));

    assertThat(((GateOutcome.Waiting) refresh).nextCheck())
        .as("a refresh (which may have failed) is not asked for again at once")
        .isEqualTo(NOW.plus(INTERVAL));
    assertThat(((GateOutcome.Waiting) polled).nextCheck())
        .as("its next check waits on the poller's next list, which paces it")
        .isEqualTo(NOW);
  }

  @Test
  void synced_and_healthy_at_an_older_revision_waits() {
    argo.set("qa-app", "Synced", OLDER, "Healthy");

    GateOutcome outcome = check(facts("qa-app", Optional.of(COMMIT)), refreshed(), NOW);

    assertThat(outcome).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(outcome.message()).startsWith("Waiting for Argo CD: Synced at another revision");
  }

  @Test
  void synced_and_healthy_at_the_commit_passes() {
    argo.set("qa-app", "Synced", COMMIT, "Progressing");
    JsonObject state = ((GateOutcome.Waiting) check(qa(), refreshed(), NOW)).state();
    argo.set("qa-app", "Synced", COMMIT, "Healthy");

    GateOutcome outcome = check(qa(), state, NOW.plusSeconds(10));

    assertThat(outcome).isInstanceOf(GateOutcome.Passed.class);
    assertThat(outcome.message()).isEqualTo("Argo CD: qa-app is Synced at 5d6e7f8 and Healthy");
  }

  @Test
  void degraded_past_the_grace_fails() {
    argo.set("qa-app", "Synced", COMMIT, "Degraded");
    GateOutcome first = check(qa(), refreshed(), NOW);
    GateOutcome within = check(qa(), state(first), NOW.plus(GRACE).minusSeconds(1));
    GateOutcome past = check(qa(), state(within), NOW.plus(GRACE).plusSeconds(1));

    assertThat(first).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(within).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(past).isInstanceOf(GateOutcome.Failed.class);
    assertThat(past.message())
        .contains("has been Degraded for PT2M1S, longer than the grace of PT2M");
  }

  @Test
  void a_wrong_token_waits_saying_argo_cd_refused_the_token() {
    ArgoCdGate wrong = gate(Map.of("127.0.0.1", "not-the-token"));
    argo.set("qa-app", "Synced", COMMIT, "Healthy");

    GateOutcome refresh = await(wrong.check(gateCheck(qa(), new JsonObject(), NOW)));
    GateOutcome poll = await(wrong.check(gateCheck(qa(), refreshed(), NOW)));

    for (GateOutcome outcome : List.of(refresh, poll)) {
      assertThat(outcome).isInstanceOf(GateOutcome.Waiting.class);
      assertThat(outcome.message())
          .isEqualTo(
              "Waiting for Argo CD: "
                  + argo.url()
                  + " refused the token of BATON_ARGOCD_TOKENS (HTTP 401)")
          .doesNotContain(ArgoCdStandIn.REMOTE_ERROR_TEXT)
          .doesNotContain("not-the-token");
    }
    assertThat(state(refresh).containsKey("refreshRequested"))
        .as("a refresh that failed is asked for again")
        .isFalse();
  }

  @Test
  void no_token_for_the_host_waits_saying_so() {
    ArgoCdGate none = gate(Map.of());
    argo.set("qa-app", "Synced", COMMIT, "Healthy");

    GateOutcome outcome = await(none.check(gateCheck(qa(), refreshed(), NOW)));

    assertThat(outcome.message())
        .isEqualTo(
            "Waiting for Argo CD: "
                + argo.url()
                + " wants a token (HTTP 401) and BATON_ARGOCD_TOKENS has none for 127.0.0.1");
  }

  @Test
  void an_unknown_application_waits_saying_it_is_not_found() {
    GateOutcome refresh = check(facts("nope", Optional.of(COMMIT)), new JsonObject(), NOW);
    GateOutcome poll = check(facts("nope", Optional.of(COMMIT)), refreshed(), NOW);

    for (GateOutcome outcome : List.of(refresh, poll)) {
      assertThat(outcome).isInstanceOf(GateOutcome.Waiting.class);
      assertThat(outcome.message())
          .isEqualTo("Waiting for Argo CD: application nope is not found on " + argo.url());
    }
  }

  @Test
  void an_unreachable_server_waits_saying_it_cannot_be_reached() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    StepFacts facts =
        new StepFacts(
            7,
            "shop",
            "qa",
            "1.2.3",
            Optional.of(COMMIT),
            "alice",
            Optional.of("http://127.0.0.1:" + closedPort),
            "qa-app");

    GateOutcome outcome = check(facts, refreshed(), NOW);

    assertThat(outcome).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(outcome.message())
        .isEqualTo(
            "Waiting for Argo CD: http://127.0.0.1:"
                + closedPort
                + " cannot be reached (connection refused)");
  }

  @Test
  void an_environment_without_an_argo_cd_server_fails_the_gate() {
    StepFacts facts =
        new StepFacts(
            7, "shop", "qa", "1.2.3", Optional.of(COMMIT), "alice", Optional.empty(), "qa-app");

    GateOutcome outcome = check(facts, new JsonObject(), NOW);

    assertThat(outcome).isInstanceOf(GateOutcome.Failed.class);
    assertThat(outcome.message())
        .isEqualTo(
            "Argo CD gate: environment qa has no argocdServer; set it on the environment, or"
                + " remove the gate");
    assertThat(argo.listRequests() + argo.applicationRequests()).isZero();
  }

  @Test
  void a_step_without_an_argo_cd_application_name_fails_the_gate() {
    GateOutcome outcome = check(facts(" ", Optional.of(COMMIT)), new JsonObject(), NOW);

    assertThat(outcome).isInstanceOf(GateOutcome.Failed.class);
    assertThat(outcome.message()).contains("has no Argo CD application name");
  }

  @Test
  void an_argo_cd_server_that_is_not_a_url_fails_the_gate() {
    StepFacts facts =
        new StepFacts(
            7,
            "shop",
            "qa",
            "1.2.3",
            Optional.of(COMMIT),
            "alice",
            Optional.of("ftp://argocd.example.com"),
            "qa-app");

    GateOutcome outcome = check(facts, new JsonObject(), NOW);

    assertThat(outcome).isInstanceOf(GateOutcome.Failed.class);
    assertThat(outcome.message()).contains("argocdServer is not usable");
  }

  StepFacts qa() {
    return facts("qa-app", Optional.of(COMMIT));
  }

  StepFacts facts(String application, Optional<String> commit) {
    return new StepFacts(
        7, "shop", "qa", "1.2.3", commit, "alice", Optional.of(argo.url()), application);
  }

  static Optional<Instant> none() {
    return Optional.empty();
  }

  static JsonObject refreshed() {
    return new JsonObject().put("refreshRequested", true);
  }

  static JsonObject state(GateOutcome outcome) {
    return ((GateOutcome.Waiting) outcome).state();
  }

  static GateCheck gateCheck(StepFacts facts, JsonObject state, Instant now) {
    GateSpec spec =
        new GateSpec(GateKind.ARGOCD, null, null, Optional.of(INTERVAL), null, null, null);
    return new GateCheck(spec, facts, NOW, state, Optional.empty(), List.of(), now);
  }

  GateOutcome check(StepFacts facts, JsonObject state, Instant now) {
    return await(gate.check(gateCheck(facts, state, now)));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
