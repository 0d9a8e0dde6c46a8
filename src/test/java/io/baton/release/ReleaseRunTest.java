package io.baton.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.flow.StepAction;
import io.baton.gate.GateKind;
import io.baton.gate.GateOutcome;
import io.baton.gate.GateSpec;
import io.baton.gate.GateWhen;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's rules, without a database: dependency order, skipping, ending, terminating,
 * retrying, fencing.
 */
class ReleaseRunTest {
  private static final long DEV = 1;
  private static final long QA = 2;
  private static final long STAGING = 3;
  private static final long PROD = 4;
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private static ReleaseStep step(long env, String name, int position, List<Long> dependsOn) {
    return new ReleaseStep(
        7,
        env,
        name,
        position,
        dependsOn,
        env == DEV ? StepAction.NONE : StepAction.COMMIT,
        env,
        0,
        StepStatus.PENDING,
        null,
        null,
        null,
        0,
        null,
        null,
        null,
        null);
  }

  private static ReleaseRun sequential() {
    return run(
        List.of(
            step(DEV, "dev", 0, List.of()),
            step(QA, "qa", 1, List.of(DEV)),
            step(PROD, "prod", 2, List.of(QA))));
  }

  private static ReleaseRun parallel() {
    return run(
        List.of(
            step(DEV, "dev", 0, List.of()),
            step(QA, "qa", 1, List.of(DEV)),
            step(STAGING, "staging", 2, List.of(DEV)),
            step(PROD, "prod", 3, List.of(QA, STAGING))));
  }

  private static ReleaseRun run(List<ReleaseStep> steps) {
    Release release =
        new Release(
            7,
            3,
            5L,
            "flow",
            11L,
            DEV,
            "abc",
            "2.0.0",
            "tester",
            Duration.ofMinutes(5),
            NOW,
            0,
            ReleaseStatus.RUNNING,
            null,
            null,
            null,
            NOW.plus(Duration.ofMinutes(5)));
    ReleaseRun run = new ReleaseRun(release, new ArrayList<>(steps));
    run.created();
    run.start(NOW);
    return run;
  }

  private static StepStatus status(ReleaseRun run, long env) {
    return run.step(env).orElseThrow().status();
  }

  @Test
  void starting_pins_the_trigger_step_and_starts_only_the_next_one() {
    ReleaseRun run = sequential();
    assertThat(status(run, DEV)).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(run.step(DEV).orElseThrow().commitSha()).isEqualTo("abc");
    assertThat(run.step(DEV).orElseThrow().version()).isEqualTo("2.0.0");
    assertThat(status(run, QA)).isEqualTo(StepStatus.RUNNING);
    assertThat(status(run, PROD)).isEqualTo(StepStatus.PENDING);
    assertThat(run.step(QA).orElseThrow().attempt()).isEqualTo(1);
  }

  @Test
  void a_step_succeeding_starts_its_dependents_and_the_last_one_ends_the_release() {
    ReleaseRun run = sequential();
    assertThat(run.succeeded(QA, 1, "c1", "2.0.0", "ok", NOW)).isTrue();
    assertThat(status(run, PROD)).isEqualTo(StepStatus.RUNNING);
    assertThat(run.succeeded(PROD, 1, "c2", "2.0.0", "ok", NOW)).isTrue();
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.SUCCEEDED);
    assertThat(run.release().finishedAt()).isEqualTo(NOW);
  }

  @Test
  void events_record_qa_succeeding_before_prod_starts() {
    ReleaseRun run = sequential();
    run.succeeded(QA, 1, "c1", "2.0.0", "ok", NOW);
    List<String> order =
        run.transitions().stream()
            .map(
                t ->
                    (t.environmentId() == null ? "release" : String.valueOf(t.environmentId()))
                        + ":"
                        + t.status())
            .toList();
    assertThat(order).containsSubsequence("2:SUCCEEDED", "4:RUNNING");
    assertThat(order)
        .startsWith(
            "release:RUNNING",
            "1:PENDING",
            "2:PENDING",
            "4:PENDING",
            "1:RUNNING",
            "1:SUCCEEDED",
            "2:RUNNING");
  }

  @Test
  void parallel_branches_run_together_and_the_join_waits_for_both() {
    ReleaseRun run = parallel();
    assertThat(status(run, QA)).isEqualTo(StepStatus.RUNNING);
    assertThat(status(run, STAGING)).isEqualTo(StepStatus.RUNNING);
    run.succeeded(QA, 1, "c1", "2.0.0", "ok", NOW);
    assertThat(status(run, PROD)).isEqualTo(StepStatus.PENDING);
    run.succeeded(STAGING, 1, "c2", "2.0.0", "ok", NOW);
    assertThat(status(run, PROD)).isEqualTo(StepStatus.RUNNING);
  }

  @Test
  void a_failed_step_skips_everything_downstream_and_fails_the_release_once_the_rest_ends() {
    ReleaseRun run = parallel();
    run.failed(QA, 1, "repository is broken", NOW);
    assertThat(status(run, PROD)).isEqualTo(StepStatus.SKIPPED);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.RUNNING);
    run.succeeded(STAGING, 1, "c2", "2.0.0", "ok", NOW);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.FAILED);
    assertThat(run.release().message()).isEqualTo("qa failed: repository is broken");
  }

  @Test
  void terminating_ends_running_steps_and_skips_pending_ones() {
    ReleaseRun run = sequential();
    run.terminate("terminated by alice", NOW);
    assertThat(status(run, QA)).isEqualTo(StepStatus.TERMINATED);
    assertThat(status(run, PROD)).isEqualTo(StepStatus.SKIPPED);
    assertThat(status(run, DEV)).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.TERMINATED);
    assertThat(run.release().message()).isEqualTo("terminated by alice");
  }

  @Test
  void a_late_outcome_of_a_fenced_attempt_changes_nothing() {
    ReleaseRun run = sequential();
    run.terminate("terminated by alice", NOW);
    assertThat(run.succeeded(QA, 1, "late", "2.0.0", "ok", NOW)).isFalse();
    assertThat(status(run, QA)).isEqualTo(StepStatus.TERMINATED);
    ReleaseRun other = sequential();
    assertThat(other.succeeded(QA, 2, "wrong attempt", "2.0.0", "ok", NOW)).isFalse();
    assertThat(status(other, QA)).isEqualTo(StepStatus.RUNNING);
  }

  @Test
  void
      a_held_step_suspends_the_release_once_nothing_runs_naming_the_hold_and_releasing_it_resumes() {
    ReleaseRun run = parallel();
    assertThat(run.held(QA, 1, "qa is paused by alice: incident 42", null, 3, NOW)).isTrue();
    assertThat(status(run, QA)).isEqualTo(StepStatus.SUSPENDED);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.RUNNING);

    run.succeeded(STAGING, 1, "c2", "2.0.0", "ok", NOW);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.SUSPENDED);
    assertThat(run.release().message()).isEqualTo("qa is paused by alice: incident 42");

    Instant end = NOW.plus(Duration.ofHours(1));
    assertThat(run.stillHeld(QA, 1, "Frozen by window freeze until 2026-11-27T13:00Z", end, 4, NOW))
        .isTrue();
    assertThat(run.release().message())
        .isEqualTo("Frozen by window freeze until 2026-11-27T13:00Z");
    assertThat(run.step(QA).orElseThrow().holdCheckAt).isEqualTo(end);

    assertThat(run.released(QA, 1, NOW)).isTrue();
    assertThat(status(run, QA)).isEqualTo(StepStatus.RUNNING);
    assertThat(run.step(QA).orElseThrow().held).isFalse();
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.RUNNING);
    assertThat(run.release().message()).isNull();
    List<String> releaseEvents =
        run.transitions().stream()
            .filter(t -> t.environmentId() == null)
            .map(t -> t.status() + ":" + t.message())
            .toList();
    assertThat(releaseEvents)
        .containsSubsequence(
            "SUSPENDED:qa is paused by alice: incident 42",
            "SUSPENDED:Frozen by window freeze until 2026-11-27T13:00Z",
            "RUNNING:null");
  }

  @Test
  void a_hold_of_an_attempt_that_no_longer_runs_changes_nothing() {
    ReleaseRun run = sequential();
    assertThat(run.held(QA, 2, "held", null, 1, NOW)).isFalse();
    assertThat(run.released(QA, 1, NOW)).isFalse();
    run.terminate("terminated by alice", NOW);
    assertThat(run.held(QA, 1, "held", null, 1, NOW)).isFalse();
    assertThat(status(run, QA)).isEqualTo(StepStatus.TERMINATED);
  }

  @Test
  void a_held_step_is_terminated_with_its_release() {
    ReleaseRun run = sequential();
    run.held(PROD, 0, "never", null, 1, NOW);
    run.succeeded(QA, 1, "c1", "2.0.0", "ok", NOW);
    run.held(PROD, 1, "prod is paused by alice: on fire", null, 1, NOW);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.SUSPENDED);
    run.terminate("terminated: the flow's timeout", NOW);
    assertThat(status(run, PROD)).isEqualTo(StepStatus.TERMINATED);
    assertThat(run.step(PROD).orElseThrow().held).isFalse();
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.TERMINATED);
  }

  private static ReleaseStep heldByAWorker(ReleaseRun run, long env) {
    ReleaseStep step = run.step(env).orElseThrow();
    step.leaseOwner = "worker-1";
    step.leaseUntil = NOW.plusSeconds(15);
    return step;
  }

  @Test
  void terminating_a_step_a_worker_holds_keeps_its_lease_until_what_its_action_did_is_known() {
    ReleaseRun run = sequential();
    ReleaseStep qa = heldByAWorker(run, QA);
    run.terminate("terminated by alice", NOW);
    assertThat(qa.status()).isEqualTo(StepStatus.TERMINATED);
    assertThat(qa.leaseOwner).isEqualTo("worker-1");
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.TERMINATED);
  }

  @Test
  void a_commit_its_action_made_after_termination_is_recorded_and_the_step_says_so() {
    ReleaseRun run = sequential();
    ReleaseStep qa = heldByAWorker(run, QA);
    run.terminate("terminated by alice", NOW);
    int events = run.transitions().size();

    assertThat(run.settled(QA, 1, "c0ffee0123456789", "2.0.0", NOW.plusSeconds(1))).isTrue();

    assertThat(qa.status()).isEqualTo(StepStatus.TERMINATED);
    assertThat(qa.commitSha()).isEqualTo("c0ffee0123456789");
    assertThat(qa.version()).isEqualTo("2.0.0");
    assertThat(qa.message())
        .isEqualTo("terminated after committing c0ffee012345 (terminated by alice)");
    assertThat(qa.leaseOwner).isNull();
    assertThat(run.transitions().subList(events, run.transitions().size()))
        .containsExactly(
            new Transition(7, 3, QA, StepStatus.TERMINATED, StepStatus.TERMINATED, qa.message()));
    assertThat(run.settled(QA, 1, "c0ffee0123456789", "2.0.0", NOW)).isFalse();
  }

  @Test
  void an_action_that_ended_without_a_commit_after_termination_leaves_the_target_to_be_checked() {
    ReleaseRun run = sequential();
    ReleaseStep qa = heldByAWorker(run, QA);
    run.terminate("terminated by alice", NOW);

    assertThat(run.actionEnded(QA, 1, NOW.plusSeconds(1))).isTrue();
    assertThat(qa.leaseOwner).isEqualTo("worker-1");
    assertThat(qa.leaseUntil).isEqualTo(NOW.plusSeconds(1));

    assertThat(run.settled(QA, 1, null, null, NOW.plusSeconds(2))).isTrue();
    assertThat(qa.leaseOwner).isNull();
    assertThat(qa.commitSha()).isNull();
    assertThat(qa.message()).isEqualTo("terminated by alice");
    assertThat(run.settled(QA, 1, null, null, NOW.plusSeconds(3))).isFalse();
    assertThat(run.actionEnded(QA, 1, NOW.plusSeconds(3))).isFalse();
  }

  @Test
  void a_terminated_attempt_is_not_settled_once_the_release_is_retried() {
    ReleaseRun run = sequential();
    heldByAWorker(run, QA);
    run.terminate("terminated by alice", NOW);
    run.retry(NOW.plusSeconds(1));
    ReleaseStep qa = run.step(QA).orElseThrow();
    assertThat(qa.status()).isEqualTo(StepStatus.RUNNING);
    assertThat(qa.attempt()).isEqualTo(2);
    assertThat(qa.leaseOwner).isNull();

    assertThat(run.settled(QA, 1, "late", "2.0.0", NOW.plusSeconds(2))).isFalse();
    assertThat(run.actionEnded(QA, 1, NOW.plusSeconds(2))).isFalse();
    assertThat(qa.commitSha()).isNull();
  }

  @Test
  void retrying_reruns_failed_terminated_and_skipped_steps_and_keeps_succeeded_ones() {
    ReleaseRun run = parallel();
    run.succeeded(STAGING, 1, "c2", "2.0.0", "ok", NOW);
    run.failed(QA, 1, "broken", NOW);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.FAILED);
    run.retry(NOW.plusSeconds(60));
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.RUNNING);
    assertThat(status(run, STAGING)).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(status(run, QA)).isEqualTo(StepStatus.RUNNING);
    assertThat(run.step(QA).orElseThrow().attempt()).isEqualTo(2);
    assertThat(status(run, PROD)).isEqualTo(StepStatus.PENDING);
    assertThat(run.release().deadlineAt())
        .isEqualTo(NOW.plusSeconds(60).plus(Duration.ofMinutes(5)));
  }

  @Test
  void a_none_step_succeeds_as_it_starts_and_its_dependents_start_in_the_same_breath() {
    ReleaseStep qa =
        new ReleaseStep(
            7,
            QA,
            "qa",
            1,
            List.of(DEV),
            StepAction.NONE,
            QA,
            0,
            StepStatus.PENDING,
            null,
            null,
            null,
            0,
            null,
            null,
            null,
            null);
    ReleaseRun run =
        run(List.of(step(DEV, "dev", 0, List.of()), qa, step(PROD, "prod", 2, List.of(QA))));
    assertThat(status(run, QA)).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(run.step(QA).orElseThrow().message()).isEqualTo(ReleaseRun.NO_CHANGE);
    assertThat(run.step(QA).orElseThrow().version()).isEqualTo("2.0.0");
    assertThat(run.step(QA).orElseThrow().commitSha()).isNull();
    assertThat(status(run, PROD)).isEqualTo(StepStatus.RUNNING);
    // In order: qa ran and succeeded before prod started.
    assertThat(
            run.transitions().stream()
                .filter(t -> t.previousStatus() != null)
                .map(t -> t.environmentId() + ":" + t.status())
                .toList())
        .containsExactly(
            DEV + ":RUNNING",
            DEV + ":SUCCEEDED",
            QA + ":RUNNING",
            QA + ":SUCCEEDED",
            PROD + ":RUNNING");
  }

  @Test
  void a_queued_release_starts_when_told() {
    Release release =
        new Release(
            8,
            3,
            null,
            ReleaseRun.MANUAL,
            11L,
            null,
            "abc",
            "2.0.0",
            "tester",
            Duration.ofHours(1),
            NOW,
            0,
            ReleaseStatus.QUEUED,
            null,
            null,
            null,
            NOW.plusSeconds(3600));
    ReleaseRun run =
        new ReleaseRun(release, new ArrayList<>(List.of(step(QA, "qa", 0, List.of()))));
    run.created();
    assertThat(status(run, QA)).isEqualTo(StepStatus.PENDING);
    run.start(NOW);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.RUNNING);
    assertThat(status(run, QA)).isEqualTo(StepStatus.RUNNING);
  }

  @Test
  void a_succeeded_release_cannot_be_retried() {
    ReleaseRun run = sequential();
    run.succeeded(QA, 1, "c1", "2.0.0", "ok", NOW);
    run.succeeded(PROD, 1, "c2", "2.0.0", "ok", NOW);
    assertThatThrownBy(() -> run.retry(NOW))
        .isInstanceOf(Transitions.IllegalTransition.class)
        .hasMessageContaining("SUCCEEDED to RUNNING");
  }

  private static ReleaseRun gatedOnQa(GateSpec... gates) {
    ReleaseStep qa = step(QA, "qa", 1, List.of(DEV));
    for (int i = 0; i < gates.length; i++) {
      qa.gates.add(ReleaseGate.pending(7, QA, i, gates[i]));
    }
    return run(List.of(step(DEV, "dev", 0, List.of()), qa, step(PROD, "prod", 2, List.of(QA))));
  }

  private static GateSpec gate(GateKind kind, GateWhen when) {
    return new GateSpec(kind, when, null, null, null, null, null);
  }

  private static final GateOutcome.Waiting FOR_PERSON =
      new GateOutcome.Waiting("Waiting for approval", NOW, new JsonObject(), true);

  @Test
  void a_gate_before_the_action_holds_it_and_a_wait_for_a_person_suspends_step_and_release() {
    ReleaseRun run = gatedOnQa(gate(GateKind.APPROVAL, GateWhen.BEFORE));
    assertThat(status(run, QA)).isEqualTo(StepStatus.RUNNING);
    assertThat(ReleaseRun.awaitsGates(run.step(QA).orElseThrow())).isTrue();

    assertThat(run.gateChecked(QA, 1, 0, 0, FOR_PERSON, NOW)).isTrue();
    assertThat(status(run, QA)).isEqualTo(StepStatus.SUSPENDED);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.SUSPENDED);

    assertThat(run.gateChecked(QA, 1, 0, 0, new GateOutcome.Passed("Approved by pat"), NOW))
        .isTrue();
    assertThat(status(run, QA)).isEqualTo(StepStatus.RUNNING);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.RUNNING);
    assertThat(ReleaseRun.awaitsGates(run.step(QA).orElseThrow())).isFalse();
    assertThat(status(run, PROD)).isEqualTo(StepStatus.PENDING);
  }

  @Test
  void gates_after_the_action_start_once_it_committed_and_the_step_succeeds_when_all_passed() {
    ReleaseRun run =
        gatedOnQa(gate(GateKind.HTTP, GateWhen.AFTER), gate(GateKind.SOAK, GateWhen.AFTER));
    assertThat(ReleaseRun.awaitsGates(run.step(QA).orElseThrow())).isFalse();
    assertThat(run.succeeded(QA, 1, "c1", "2.0.0", "committed", NOW)).isTrue();
    ReleaseStep qa = run.step(QA).orElseThrow();
    assertThat(qa.status()).isEqualTo(StepStatus.RUNNING);
    assertThat(qa.gates().get(0).status()).isEqualTo(GateStatus.RUNNING);
    assertThat(qa.gates().get(1).status()).isEqualTo(GateStatus.PENDING);

    assertThat(run.gateChecked(QA, 1, 0, 0, new GateOutcome.Passed("200"), NOW)).isTrue();
    assertThat(qa.gates().get(1).status()).isEqualTo(GateStatus.RUNNING);
    assertThat(status(run, PROD)).isEqualTo(StepStatus.PENDING);
    assertThat(run.gateChecked(QA, 1, 1, 0, new GateOutcome.Passed("soaked"), NOW)).isTrue();
    assertThat(status(run, QA)).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(status(run, PROD)).isEqualTo(StepStatus.RUNNING);
  }

  @Test
  void a_failed_gate_fails_the_step_naming_it_and_retry_reruns_it_keeping_the_commit() {
    ReleaseRun run = gatedOnQa(gate(GateKind.HTTP, GateWhen.AFTER));
    run.succeeded(QA, 1, "c1", "2.0.0", "committed", NOW);
    assertThat(run.gateChecked(QA, 1, 0, 0, new GateOutcome.Failed("503 from /health"), NOW))
        .isTrue();
    assertThat(status(run, QA)).isEqualTo(StepStatus.FAILED);
    assertThat(run.step(QA).orElseThrow().message())
        .isEqualTo("HTTP gate 1 (AFTER) failed: 503 from /health");
    assertThat(status(run, PROD)).isEqualTo(StepStatus.SKIPPED);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.FAILED);

    run.retry(NOW);
    ReleaseStep qa = run.step(QA).orElseThrow();
    assertThat(qa.attempt()).isEqualTo(2);
    assertThat(qa.commitSha()).isEqualTo("c1");
    assertThat(qa.gates().get(0).status()).isEqualTo(GateStatus.RUNNING);
    assertThat(ReleaseRun.awaitsGates(qa)).isTrue();
    assertThat(run.gateChecked(QA, 1, 0, 0, new GateOutcome.Passed("late"), NOW)).isFalse();
  }

  @Test
  void a_wait_not_for_a_person_keeps_the_step_running_with_the_gates_message_once() {
    ReleaseRun run = gatedOnQa(gate(GateKind.SOAK, GateWhen.BEFORE));
    GateOutcome.Waiting soaking =
        new GateOutcome.Waiting("Soaking: 1 s of 2 min", NOW, new JsonObject(), false);
    int before = run.transitions().size();
    run.gateChecked(QA, 1, 0, 0, soaking, NOW);
    run.gateChecked(QA, 1, 0, 0, soaking, NOW);
    assertThat(run.transitions().size()).isEqualTo(before + 1);
    assertThat(status(run, QA)).isEqualTo(StepStatus.RUNNING);
    assertThat(run.step(QA).orElseThrow().message()).isEqualTo("Soaking: 1 s of 2 min");
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.RUNNING);
  }

  @Test
  void a_check_of_a_gate_changed_since_it_was_claimed_changes_nothing() {
    ReleaseRun run = gatedOnQa(gate(GateKind.APPROVAL, GateWhen.BEFORE));
    run.step(QA).orElseThrow().gates().get(0).revision = 3;
    assertThat(run.gateChecked(QA, 1, 0, 2, FOR_PERSON, NOW)).isFalse();
    assertThat(status(run, QA)).isEqualTo(StepStatus.RUNNING);
    assertThat(run.gateChecked(QA, 1, 0, 3, FOR_PERSON, NOW)).isTrue();
    assertThat(status(run, QA)).isEqualTo(StepStatus.SUSPENDED);
  }

  @Test
  void a_trigger_step_with_gates_holds_the_release_at_its_pinned_commit_until_they_pass() {
    ReleaseStep dev = step(DEV, "dev", 0, List.of());
    dev.gates.add(ReleaseGate.pending(7, DEV, 0, gate(GateKind.ARGOCD, GateWhen.AFTER)));
    ReleaseRun run =
        run(List.of(dev, step(QA, "qa", 1, List.of(DEV)), step(PROD, "prod", 2, List.of(QA))));

    assertThat(status(run, DEV)).isEqualTo(StepStatus.RUNNING);
    assertThat(run.step(DEV).orElseThrow().commitSha())
        .as("the gate checks the pinned commit")
        .isEqualTo("abc");
    assertThat(run.step(DEV).orElseThrow().gates.get(0).status).isEqualTo(GateStatus.RUNNING);
    assertThat(status(run, QA)).isEqualTo(StepStatus.PENDING);

    assertThat(run.gateChecked(DEV, 1, 0, 0, new GateOutcome.Passed("Synced and Healthy"), NOW))
        .isTrue();

    assertThat(status(run, DEV)).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(run.step(DEV).orElseThrow().message())
        .isEqualTo("pinned abc; gates passed (Synced and Healthy)");
    assertThat(status(run, QA)).isEqualTo(StepStatus.RUNNING);
  }

  @Test
  void a_step_waiting_for_its_pull_request_suspends_the_release_with_its_message() {
    ReleaseRun run = sequential();
    assertThat(run.waiting(QA, 1, "waiting for pull request #7", NOW)).isTrue();

    assertThat(status(run, QA)).isEqualTo(StepStatus.SUSPENDED);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.SUSPENDED);
    assertThat(run.release().message()).isEqualTo("waiting for pull request #7");
    assertThat(status(run, PROD)).isEqualTo(StepStatus.PENDING);
  }

  @Test
  void a_merged_pull_request_records_the_merge_commit_and_the_release_goes_on() {
    ReleaseRun run = sequential();
    run.waiting(QA, 1, "waiting for pull request #7", NOW);

    assertThat(run.actionCompleted(QA, 1, "merge1", "2.0.0", "pull request #7 merged", NOW))
        .isTrue();

    assertThat(status(run, QA)).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(run.step(QA).orElseThrow().commitSha()).isEqualTo("merge1");
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.RUNNING);
    assertThat(status(run, PROD)).isEqualTo(StepStatus.RUNNING);
    assertThat(run.actionCompleted(QA, 1, "merge1", "2.0.0", "again", NOW)).isFalse();
  }

  @Test
  void gates_after_a_pull_request_step_run_once_it_is_merged() {
    ReleaseRun run = gatedOnQa(gate(GateKind.HTTP, GateWhen.AFTER));
    run.waiting(QA, 1, "waiting for pull request #7", NOW);
    assertThat(ReleaseRun.awaitsGates(run.step(QA).orElseThrow())).isFalse();

    run.actionCompleted(QA, 1, "merge1", "2.0.0", "merged", NOW);

    ReleaseStep qa = run.step(QA).orElseThrow();
    assertThat(qa.status()).isEqualTo(StepStatus.RUNNING);
    assertThat(qa.commitSha()).isEqualTo("merge1");
    assertThat(qa.gates().get(0).status()).isEqualTo(GateStatus.RUNNING);
  }

  @Test
  void a_closed_pull_request_fails_the_step_and_the_release() {
    ReleaseRun run = sequential();
    run.waiting(QA, 1, "waiting for pull request #7", NOW);

    assertThat(run.actionFailed(QA, 1, "pull request #7 was closed by pat", NOW)).isTrue();

    assertThat(status(run, QA)).isEqualTo(StepStatus.FAILED);
    assertThat(status(run, PROD)).isEqualTo(StepStatus.SKIPPED);
    assertThat(run.release().status()).isEqualTo(ReleaseStatus.FAILED);
    assertThat(run.release().message()).isEqualTo("qa failed: pull request #7 was closed by pat");
  }

  @Test
  void a_merge_reported_for_a_step_waiting_for_a_person_changes_nothing() {
    ReleaseRun run = gatedOnQa(gate(GateKind.APPROVAL, GateWhen.BEFORE));
    run.gateChecked(QA, 1, 0, 0, FOR_PERSON, NOW);

    assertThat(run.actionCompleted(QA, 1, "merge1", "2.0.0", "merged", NOW)).isFalse();
    assertThat(run.actionFailed(QA, 1, "closed", NOW)).isFalse();
    assertThat(run.release().message()).isEqualTo("waiting for a person");
  }
}
