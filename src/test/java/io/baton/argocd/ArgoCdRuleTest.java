package io.baton.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.argocd.ArgoCdException.Problem;
import io.baton.gate.GateOutcome;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ARGOCD gate's rule: what Argo CD says, the commit, the state and the clock -> outcome. */
class ArgoCdRuleTest {
  static final String COMMIT = "5d6e7f8a9b0c1d2e3f405162738495a6b7c8d9e0";
  static final String OLDER = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  static final Duration GRACE = Duration.ofMinutes(2);
  static final Duration INTERVAL = Duration.ofSeconds(10);
  static final ArgoCdRule RULE = new ArgoCdRule(GRACE, INTERVAL);

  static AppStatus app(SyncStatus sync, String revision, HealthStatus health) {
    return new AppStatus(
        "qa-app", Optional.of("argocd"), sync, List.of(revision), health, Optional.empty());
  }

  static GateOutcome decide(AppStatus app, JsonObject state, Instant now) {
    return RULE.decide(new ArgoCdLookup.Found(app), "qa-app", Optional.of(COMMIT), state, now);
  }

  static GateOutcome decide(AppStatus app) {
    return decide(app, new JsonObject(), NOW);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(SyncStatus.SYNCED, COMMIT, HealthStatus.HEALTHY, "PASSED", "is Synced"),
        Arguments.of(SyncStatus.SYNCED, COMMIT.toUpperCase(), HealthStatus.HEALTHY, "PASSED", ""),
        Arguments.of(
            SyncStatus.SYNCED,
            OLDER,
            HealthStatus.HEALTHY,
            "WAITING",
            "Synced at another revision"),
        Arguments.of(SyncStatus.SYNCED, COMMIT, HealthStatus.PROGRESSING, "WAITING", "Progressing"),
        Arguments.of(SyncStatus.SYNCED, COMMIT, HealthStatus.MISSING, "WAITING", "Missing"),
        Arguments.of(SyncStatus.SYNCED, COMMIT, HealthStatus.SUSPENDED, "WAITING", "Suspended"),
        Arguments.of(SyncStatus.SYNCED, COMMIT, HealthStatus.UNKNOWN, "WAITING", "Unknown"),
        Arguments.of(SyncStatus.OUT_OF_SYNC, COMMIT, HealthStatus.HEALTHY, "WAITING", "OutOfSync"),
        Arguments.of(SyncStatus.OUT_OF_SYNC, OLDER, HealthStatus.HEALTHY, "WAITING", "OutOfSync"),
        Arguments.of(SyncStatus.UNKNOWN, COMMIT, HealthStatus.HEALTHY, "WAITING", "Unknown"),
        Arguments.of(SyncStatus.SYNCED, COMMIT, HealthStatus.DEGRADED, "WAITING", "Degraded"),
        Arguments.of(SyncStatus.OUT_OF_SYNC, COMMIT, HealthStatus.DEGRADED, "WAITING", "OutOfSync"),
        Arguments.of(
            SyncStatus.SYNCED, OLDER, HealthStatus.DEGRADED, "WAITING", "Synced at another"));
  }

  @ParameterizedTest(name = "{0} at {1}, {2} -> {3}")
  @MethodSource("table")
  void passes_only_when_synced_at_the_steps_commit_and_healthy_and_waits_otherwise(
      SyncStatus sync, String revision, HealthStatus health, String expected, String headline) {
    GateOutcome outcome = decide(app(sync, revision, health));

    assertThat(kind(outcome)).isEqualTo(expected);
    assertThat(outcome.message()).contains(headline);
    if (outcome instanceof GateOutcome.Waiting waiting) {
      assertThat(waiting.message()).startsWith("Waiting for Argo CD: " + headline);
      assertThat(waiting.nextCheck()).isEqualTo(NOW.plus(INTERVAL));
      assertThat(waiting.forPerson()).isFalse();
    }
  }

  @Test
  void a_waiting_message_states_the_sync_health_and_revision_seen_and_the_commit_expected() {
    GateOutcome outcome = decide(app(SyncStatus.SYNCED, COMMIT, HealthStatus.PROGRESSING));

    assertThat(outcome.message())
        .isEqualTo(
            "Waiting for Argo CD: Progressing (application qa-app: Synced at 5d6e7f8, Progressing;"
                + " expecting 5d6e7f8)");
    assertThat(decide(app(SyncStatus.SYNCED, OLDER, HealthStatus.HEALTHY)).message())
        .isEqualTo(
            "Waiting for Argo CD: Synced at another revision (application qa-app: Synced at"
                + " 1a2b3c4, Healthy; expecting 5d6e7f8)");
  }

  @Test
  void degraded_at_the_commit_starts_the_grace_and_remembers_since_when() {
    GateOutcome outcome = decide(app(SyncStatus.SYNCED, COMMIT, HealthStatus.DEGRADED));

    assertThat(outcome).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(((GateOutcome.Waiting) outcome).state().getString("degradedSince"))
        .isEqualTo(NOW.toString());
    assertThat(outcome.message()).startsWith("Waiting for Argo CD: Degraded since " + NOW);
  }

  @Test
  void degraded_within_the_grace_waits_and_keeps_the_first_time_it_was_seen() {
    JsonObject state = new JsonObject().put("degradedSince", NOW.toString());
    Instant later = NOW.plus(GRACE).minusSeconds(1);

    GateOutcome outcome =
        decide(app(SyncStatus.SYNCED, COMMIT, HealthStatus.DEGRADED), state, later);

    assertThat(outcome).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(((GateOutcome.Waiting) outcome).state().getString("degradedSince"))
        .isEqualTo(NOW.toString());
  }

  @Test
  void degraded_for_the_grace_or_longer_fails_saying_for_how_long() {
    JsonObject state = new JsonObject().put("degradedSince", NOW.toString());

    GateOutcome atGrace =
        decide(app(SyncStatus.SYNCED, COMMIT, HealthStatus.DEGRADED), state, NOW.plus(GRACE));
    GateOutcome past =
        decide(
            app(SyncStatus.SYNCED, COMMIT, HealthStatus.DEGRADED),
            state,
            NOW.plus(GRACE).plusSeconds(10));

    assertThat(atGrace).isInstanceOf(GateOutcome.Failed.class);
    assertThat(past).isInstanceOf(GateOutcome.Failed.class);
    assertThat(past.message())
        .isEqualTo(
            "Argo CD: qa-app has been Degraded for PT2M10S, longer than the grace of PT2M"
                + " (application qa-app: Synced at 5d6e7f8, Degraded; expecting 5d6e7f8)");
  }

  @Test
  void recovering_from_degraded_forgets_when_it_was_degraded() {
    JsonObject state =
        new JsonObject().put("degradedSince", NOW.toString()).put("refreshRequested", true);

    GateOutcome outcome =
        decide(
            app(SyncStatus.SYNCED, COMMIT, HealthStatus.PROGRESSING),
            state,
            NOW.plus(GRACE).plusSeconds(1));

    assertThat(outcome).isInstanceOf(GateOutcome.Waiting.class);
    JsonObject next = ((GateOutcome.Waiting) outcome).state();
    assertThat(next.containsKey("degradedSince")).isFalse();
    assertThat(next.getBoolean("refreshRequested")).isTrue();
    assertThat(state.getString("degradedSince")).as("the input is not changed").isNotNull();
  }

  @Test
  void degraded_at_an_older_revision_does_not_start_the_grace() {
    GateOutcome outcome =
        decide(
            app(SyncStatus.SYNCED, OLDER, HealthStatus.DEGRADED),
            new JsonObject(),
            NOW.plus(Duration.ofHours(1)));

    assertThat(((GateOutcome.Waiting) outcome).state().containsKey("degradedSince")).isFalse();
  }

  @Test
  void an_unreadable_degraded_since_starts_the_grace_again() {
    JsonObject state = new JsonObject().put("degradedSince", "yesterday");

    GateOutcome outcome = decide(app(SyncStatus.SYNCED, COMMIT, HealthStatus.DEGRADED), state, NOW);

    assertThat(((GateOutcome.Waiting) outcome).state().getString("degradedSince"))
        .isEqualTo(NOW.toString());
  }

  @Test
  void a_multi_source_application_passes_when_any_source_is_at_the_commit() {
    AppStatus app =
        new AppStatus(
            "qa-app",
            Optional.empty(),
            SyncStatus.SYNCED,
            List.of(OLDER, COMMIT),
            HealthStatus.HEALTHY,
            Optional.of("Succeeded"));

    assertThat(decide(app)).isInstanceOf(GateOutcome.Passed.class);
  }

  @Test
  void without_a_commit_synced_and_healthy_at_any_revision_passes() {
    GateOutcome outcome =
        RULE.decide(
            new ArgoCdLookup.Found(app(SyncStatus.SYNCED, OLDER, HealthStatus.HEALTHY)),
            "qa-app",
            Optional.empty(),
            new JsonObject(),
            NOW);

    assertThat(outcome).isInstanceOf(GateOutcome.Passed.class);
  }

  @Test
  void argo_cd_unavailable_waits_with_the_problem_and_keeps_the_state() {
    JsonObject state = new JsonObject().put("degradedSince", NOW.toString());
    ArgoCdException refused =
        new ArgoCdException(
            Problem.TOKEN_REFUSED, "https://argocd.example.com refused the token (HTTP 401)");

    GateOutcome outcome =
        RULE.decide(
            new ArgoCdLookup.Unavailable(refused), "qa-app", Optional.of(COMMIT), state, NOW);

    assertThat(outcome).isInstanceOf(GateOutcome.Waiting.class);
    assertThat(outcome.message())
        .isEqualTo("Waiting for Argo CD: https://argocd.example.com refused the token (HTTP 401)");
    assertThat(((GateOutcome.Waiting) outcome).state()).isEqualTo(state);
  }

  @Test
  void reads_the_documented_application_shape() {
    JsonObject json =
        new JsonObject(
            """
            {"metadata": {"name": "qa-app", "namespace": "argocd"},
             "spec": {"project": "default"},
             "status": {"sync": {"status": "Synced", "revision": "%s",
                                 "comparedTo": {"source": {"repoURL": "https://git/x"}}},
                        "health": {"status": "Healthy"},
                        "operationState": {"phase": "Succeeded"}}}
            """
                .formatted(COMMIT));

    AppStatus app = AppStatus.fromJson(json);

    assertThat(app)
        .isEqualTo(
            new AppStatus(
                "qa-app",
                Optional.of("argocd"),
                SyncStatus.SYNCED,
                List.of(COMMIT),
                HealthStatus.HEALTHY,
                Optional.of("Succeeded")));
    assertThat(
            AppStatus.fromJson(new JsonObject().put("metadata", new JsonObject().put("name", "x"))))
        .extracting(AppStatus::sync, AppStatus::health)
        .containsExactly(SyncStatus.UNKNOWN, HealthStatus.UNKNOWN);
  }

  private static String kind(GateOutcome outcome) {
    if (outcome instanceof GateOutcome.Passed) {
      return "PASSED";
    }
    return outcome instanceof GateOutcome.Failed ? "FAILED" : "WAITING";
  }
}
