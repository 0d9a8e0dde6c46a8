package io.baton.release;

import io.baton.flow.StepAction;
import io.baton.gate.GateOutcome;
import io.baton.gate.GateWhen;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A release and its steps, and every way they move: the engine's rules, free of I/O. Each operation
 * changes the objects in place, checks each change against {@link Transitions}, and records the
 * events it causes, in order.
 */
public final class ReleaseRun {
  public static final String MANUAL = "Manual";
  static final String NO_CHANGE = "no change: the step's action is NONE";

  private final Release release;
  private final List<ReleaseStep> steps;
  private final List<Transition> transitions = new ArrayList<>();

  public ReleaseRun(Release release, List<ReleaseStep> steps) {
    this.release = release;
    this.steps =
        steps.stream()
            .sorted(Comparator.comparingInt(ReleaseStep::position))
            .collect(Collectors.toList());
  }

  public Release release() {
    return release;
  }

  public List<ReleaseStep> steps() {
    return steps;
  }

  List<Transition> transitions() {
    return transitions;
  }

  public Optional<ReleaseStep> step(long environmentId) {
    return steps.stream().filter(s -> s.environmentId == environmentId).findFirst();
  }

  /**
   * A new release announces itself with its first status (QUEUED or RUNNING) and its steps as
   * PENDING.
   */
  void created() {
    transitions.add(
        new Transition(release.id, release.productId, null, release.status, null, release.message));
    steps.forEach(
        s ->
            transitions.add(
                new Transition(
                    release.id, release.productId, s.environmentId, s.status, null, null)));
  }

  /**
   * QUEUED (or just created as RUNNING): the release starts; the trigger step succeeds at once with
   * the pin, or, with gates (an automatic release's ARGOCD gates), once they pass.
   */
  void start(Instant now) {
    if (release.status == ReleaseStatus.QUEUED) {
      setStatus(ReleaseStatus.RUNNING, null);
    }
    release.startedAt = release.startedAt == null ? now : release.startedAt;
    release.dirty = true;
    advance(now);
  }

  /**
   * Moves everything that can move: a pending step whose dependencies all succeeded starts (the
   * trigger step succeeds with the pinned commit), one with a failed, terminated or skipped
   * dependency is skipped; once every step is terminal the release ends.
   */
  void advance(Instant now) {
    if (release.status != ReleaseStatus.RUNNING && release.status != ReleaseStatus.SUSPENDED) {
      return;
    }
    boolean moved = true;
    while (moved) {
      moved = false;
      for (ReleaseStep step : steps) {
        if (step.status != StepStatus.PENDING) {
          continue;
        }
        Optional<ReleaseStep> blocked =
            dependencies(step).stream()
                .filter(
                    d ->
                        d.status == StepStatus.FAILED
                            || d.status == StepStatus.TERMINATED
                            || d.status == StepStatus.SKIPPED)
                .findFirst();
        if (blocked.isPresent()) {
          setStatus(
              step,
              StepStatus.SKIPPED,
              "skipped: " + blocked.get().environmentName + " did not succeed");
          moved = true;
        } else if (dependencies(step).stream().allMatch(d -> d.status == StepStatus.SUCCEEDED)) {
          startStep(step, now);
          moved = true;
        }
      }
    }
    if (!finishIfDone(now)) {
      suspendOrResume();
    }
  }

  /**
   * A release with a SUSPENDED step and no RUNNING one waits for a person: SUSPENDED; once one of
   * its steps runs again, so does the release.
   */
  private void suspendOrResume() {
    boolean running = steps.stream().anyMatch(s -> s.status == StepStatus.RUNNING);
    boolean suspended = steps.stream().anyMatch(s -> s.status == StepStatus.SUSPENDED);
    if (suspended && !running) {
      String why = whySuspended();
      if (release.status == ReleaseStatus.RUNNING || !Objects.equals(release.message, why)) {
        setStatus(ReleaseStatus.SUSPENDED, why);
      }
    } else if (release.status == ReleaseStatus.SUSPENDED && (running || !suspended)) {
      setStatus(ReleaseStatus.RUNNING, null);
    }
  }

  /**
   * A person's answer, or else what line control holds a step by, or what a step's action waits for
   * (a pull request).
   */
  private String whySuspended() {
    return steps.stream()
        .filter(s -> s.status == StepStatus.SUSPENDED && !s.held && !awaitsAction(s))
        .findFirst()
        .map(s -> "waiting for a person")
        .orElseGet(
            () ->
                steps.stream()
                    .filter(s -> s.status == StepStatus.SUSPENDED)
                    .findFirst()
                    .map(s -> s.message)
                    .orElse("waiting for a person"));
  }

  /**
   * Line control holds a running step before its action: it waits SUSPENDED with {@code message},
   * to be judged again at {@code checkAt} (null: only when the line changes) or when the line's
   * version passes {@code lineVersion}. Ignored (false) unless {@code attempt} still runs.
   */
  boolean held(
      long environmentId,
      int attempt,
      String message,
      Instant checkAt,
      long lineVersion,
      Instant now) {
    ReleaseStep step = current(environmentId, attempt);
    if (step == null) {
      return false;
    }
    setStatus(step, StepStatus.SUSPENDED, message);
    step.held = true;
    step.holdCheckAt = checkAt;
    step.holdVersion = lineVersion;
    advance(now);
    return true;
  }

  /**
   * A held step judged again and still held: its message (an event when it changed) and when to
   * judge it next. Ignored (false) unless it is still held in {@code attempt}.
   */
  boolean stillHeld(
      long environmentId,
      int attempt,
      String message,
      Instant checkAt,
      long lineVersion,
      Instant now) {
    ReleaseStep step = heldStep(environmentId, attempt);
    if (step == null) {
      return false;
    }
    if (!Objects.equals(step.message, message)) {
      setStatus(step, StepStatus.SUSPENDED, message);
    }
    step.holdCheckAt = checkAt;
    step.holdVersion = lineVersion;
    step.dirty = true;
    advance(now);
    return true;
  }

  /**
   * The action of a running step started something that ends later (a pull request): the step waits
   * SUSPENDED with {@code message}, its lease let go. Ignored (false) unless {@code attempt} still
   * runs.
   */
  boolean waiting(long environmentId, int attempt, String message, Instant now) {
    ReleaseStep step = current(environmentId, attempt);
    if (step == null) {
      return false;
    }
    setStatus(step, StepStatus.SUSPENDED, message);
    advance(now);
    return true;
  }

  /**
   * What a waiting step's action started ended well with {@code commitSha} in the target (a merged
   * pull request's merge commit): the step runs again, its gates after the action run against that
   * commit, or it succeeds. Ignored (false) unless {@code attempt} still waits for its action.
   */
  boolean actionCompleted(
      long environmentId,
      int attempt,
      String commitSha,
      String version,
      String message,
      Instant now) {
    ReleaseStep step = awaitingAction(environmentId, attempt);
    if (step == null) {
      return false;
    }
    setStatus(step, StepStatus.RUNNING, message);
    if (release.status == ReleaseStatus.SUSPENDED) {
      setStatus(ReleaseStatus.RUNNING, null);
    }
    return succeeded(environmentId, attempt, commitSha, version, message, now);
  }

  /**
   * What a waiting step's action started ended badly (a pull request closed without merging): the
   * step fails with {@code message}. Ignored (false) unless {@code attempt} still waits for it.
   */
  boolean actionFailed(long environmentId, int attempt, String message, Instant now) {
    ReleaseStep step = awaitingAction(environmentId, attempt);
    if (step == null) {
      return false;
    }
    step.finishedAt = now;
    setStatus(step, StepStatus.FAILED, message);
    advance(now);
    return true;
  }

  private ReleaseStep awaitingAction(long environmentId, int attempt) {
    return step(environmentId)
        .filter(s -> s.attempt == attempt && awaitsAction(s) && !release.status.isTerminal())
        .orElse(null);
  }

  /**
   * A SUSPENDED step that waits neither for line control nor for a person's answer to a gate waits
   * for what its action started.
   */
  static boolean awaitsAction(ReleaseStep step) {
    return step.status == StepStatus.SUSPENDED
        && !step.held
        && step.commitSha == null
        && step.gates.stream()
            .noneMatch(g -> g.attempt == step.attempt && g.status == GateStatus.SUSPENDED);
  }

  /** Nothing holds the step any more: it runs again, and a worker carries out its action. */
  boolean released(long environmentId, int attempt, Instant now) {
    ReleaseStep step = heldStep(environmentId, attempt);
    if (step == null) {
      return false;
    }
    setStatus(step, StepStatus.RUNNING, "no longer held");
    advance(now);
    return true;
  }

  /**
   * An administrator lets the step through freeze windows ({@code overrideFreeze}): recorded on the
   * step, with one event. False when the step already ended.
   */
  boolean freezeOverridden(long environmentId, String override) {
    ReleaseStep step = step(environmentId).orElse(null);
    if (step == null || step.status.isTerminal() || release.status.isTerminal()) {
      return false;
    }
    step.freezeOverride = override;
    setStatus(step, step.status, "freeze " + override);
    return true;
  }

  private ReleaseStep heldStep(long environmentId, int attempt) {
    return step(environmentId)
        .filter(
            s ->
                s.status == StepStatus.SUSPENDED
                    && s.held
                    && s.attempt == attempt
                    && !release.status.isTerminal())
        .orElse(null);
  }

  private void startStep(ReleaseStep step, Instant now) {
    step.attempt += 1;
    step.startedAt = now;
    step.finishedAt = null;
    setStatus(step, StepStatus.RUNNING, null);
    if (isTrigger(step)) {
      step.commitSha = release.sourceCommit;
      step.version = release.version;
      if (step.gates.isEmpty()) {
        step.finishedAt = now;
        setStatus(step, StepStatus.SUCCEEDED, "pinned " + shortSha(release.sourceCommit));
        return;
      }
    }
    if (!step.gates.isEmpty()) {
      // Gates run in order, one at a time: those before the action, the action, those after.
      for (ReleaseGate gate : step.gates) {
        if (gate.when() == GateWhen.AFTER || gate.status != GateStatus.PASSED) {
          gate.reset();
        }
      }
      proceed(step, now);
    } else if (makesNoChange(step)) {
      // Nothing to carry out, so nothing to hand to a worker: the step succeeds in the transaction
      // that starts it.
      step.version = release.version;
      step.finishedAt = now;
      setStatus(step, StepStatus.SUCCEEDED, NO_CHANGE);
    }
  }

  static boolean makesNoChange(ReleaseStep step) {
    return step.action == StepAction.NONE;
  }

  boolean isTrigger(ReleaseStep step) {
    return release.triggerEnvironmentId != null
        && release.triggerEnvironmentId == step.environmentId;
  }

  /**
   * The result of an attempt: ignored (false) when that attempt is no longer the step's current,
   * running one.
   */
  boolean succeeded(
      long environmentId,
      int attempt,
      String commitSha,
      String version,
      String message,
      Instant now) {
    ReleaseStep step = current(environmentId, attempt);
    if (step == null) {
      return false;
    }
    step.commitSha = commitSha;
    step.version = version;
    releaseLease(step);
    if (!step.gates.isEmpty()) {
      step.dirty = true;
      setStatus(step, StepStatus.RUNNING, message);
      proceed(step, now);
      advance(now);
      return true;
    }
    step.finishedAt = now;
    setStatus(step, StepStatus.SUCCEEDED, message);
    advance(now);
    return true;
  }

  /**
   * Takes a gated step as far as it goes now: the next gate before the action starts; once they all
   * passed, the action runs (a NONE action at once; a COMMIT one is handed to a worker, unless this
   * step already committed in an earlier attempt); then the gates after it, one by one; once all
   * passed, the step succeeds.
   */
  private void proceed(ReleaseStep step, Instant now) {
    for (ReleaseGate gate : gatesOf(step, GateWhen.BEFORE)) {
      if (gate.status != GateStatus.PASSED) {
        startIfPending(step, gate, now);
        return;
      }
    }
    if (!actionDone(step)) {
      return;
    }
    if (step.version == null || makesNoChange(step)) {
      step.version = release.version;
      step.dirty = true;
    }
    for (ReleaseGate gate : gatesOf(step, GateWhen.AFTER)) {
      if (gate.status != GateStatus.PASSED) {
        startIfPending(step, gate, now);
        return;
      }
    }
    step.finishedAt = now;
    ReleaseGate last = step.gates.get(step.gates.size() - 1);
    setStatus(step, StepStatus.SUCCEEDED, gatesPassed(step, last));
  }

  private String gatesPassed(ReleaseStep step, ReleaseGate last) {
    if (isTrigger(step)) {
      return "pinned " + shortSha(step.commitSha) + "; gates passed (" + last.message + ")";
    }
    return makesNoChange(step)
        ? NO_CHANGE + "; gates passed"
        : "committed " + shortSha(step.commitSha) + "; gates passed (" + last.message + ")";
  }

  private static void startIfPending(ReleaseStep step, ReleaseGate gate, Instant now) {
    if (gate.status == GateStatus.PENDING) {
      gate.start(step.attempt, now);
    }
  }

  /** The step's action is done: NONE, or the commit it made (this attempt or an earlier one). */
  private static boolean actionDone(ReleaseStep step) {
    return makesNoChange(step) || step.commitSha != null;
  }

  /**
   * Whether a running step waits on its gates rather than on its action: a worker must not take it.
   */
  static boolean awaitsGates(ReleaseStep step) {
    return step.gates.stream()
        .anyMatch(
            g ->
                g.when() == GateWhen.BEFORE
                    ? g.status != GateStatus.PASSED
                    : g.status != GateStatus.PENDING);
  }

  private static List<ReleaseGate> gatesOf(ReleaseStep step, GateWhen when) {
    return step.gates.stream().filter(g -> g.when() == when).toList();
  }

  /**
   * A check's decision about a gate: ignored (false) unless the gate is still waiting in the step's
   * current attempt. Passed: the step goes on; waiting for a person: the step is SUSPENDED; waiting
   * otherwise: RUNNING with the gate's message; failed: the step fails, saying which gate and why.
   * Every change of a gate's status or message is an event of its step. Also ignored when the gate
   * changed since the check claimed it ({@code revision}: an answer came in meanwhile, and the gate
   * is checked again at once).
   */
  boolean gateChecked(
      long environmentId,
      int attempt,
      int position,
      int revision,
      GateOutcome outcome,
      Instant now) {
    ReleaseStep step =
        step(environmentId)
            .filter(
                s ->
                    (s.status == StepStatus.RUNNING || s.status == StepStatus.SUSPENDED)
                        && s.attempt == attempt
                        && !release.status.isTerminal())
            .orElse(null);
    ReleaseGate gate =
        step == null
            ? null
            : step.gates.stream()
                .filter(
                    g ->
                        g.position == position
                            && g.attempt == attempt
                            && g.revision == revision
                            && g.status.isWaiting())
                .findFirst()
                .orElse(null);
    if (gate == null) {
      return false;
    }
    gate.dirty = true;
    gate.message = outcome.message();
    if (outcome instanceof GateOutcome.Passed) {
      gate.status = GateStatus.PASSED;
      gate.passedAt = now;
      gate.nextCheckAt = null;
      setStatus(step, StepStatus.RUNNING, gate.name() + " passed: " + outcome.message());
      proceed(step, now);
    } else if (outcome instanceof GateOutcome.Waiting waiting) {
      GateStatus was = gate.status;
      String before = step.message;
      gate.status = waiting.forPerson() ? GateStatus.SUSPENDED : GateStatus.RUNNING;
      gate.state = waiting.state() == null ? new JsonObject() : waiting.state();
      gate.nextCheckAt = waiting.nextCheck();
      StepStatus to = waiting.forPerson() ? StepStatus.SUSPENDED : StepStatus.RUNNING;
      if (was != gate.status || step.status != to || !Objects.equals(before, outcome.message())) {
        setStatus(step, to, outcome.message());
      }
    } else {
      gate.status = GateStatus.FAILED;
      gate.nextCheckAt = null;
      step.finishedAt = now;
      setStatus(step, StepStatus.FAILED, gate.name() + " failed: " + outcome.message());
    }
    advance(now);
    return true;
  }

  boolean failed(long environmentId, int attempt, String message, Instant now) {
    ReleaseStep step = current(environmentId, attempt);
    if (step == null) {
      return false;
    }
    step.finishedAt = now;
    releaseLease(step);
    setStatus(step, StepStatus.FAILED, message);
    advance(now);
    return true;
  }

  /**
   * Ends a release that is not terminal: running steps TERMINATED, pending ones SKIPPED. A running
   * step whose action a worker holds keeps that lease: its action may be pushing, and what it
   * committed is recorded once known (see {@link #settled}).
   */
  void terminate(String message, Instant now) {
    if (release.status.isTerminal()) {
      return;
    }
    for (ReleaseStep step : steps) {
      if (step.status == StepStatus.RUNNING || step.status == StepStatus.SUSPENDED) {
        step.finishedAt = now;
        setStatus(step, StepStatus.TERMINATED, message);
      } else if (step.status == StepStatus.PENDING) {
        setStatus(step, StepStatus.SKIPPED, message);
      }
    }
    release.finishedAt = now;
    setStatus(ReleaseStatus.TERMINATED, message);
  }

  /**
   * The truth about the action of a step terminated while it ran, once known: it committed {@code
   * commitSha} (the step records it and says so), or, with null, it committed nothing. The step
   * stops awaiting it either way. Ignored (false) unless the step is that attempt's terminated
   * step, still awaiting its action or learning of a commit it does not record yet.
   */
  boolean settled(long environmentId, int attempt, String commitSha, String version, Instant now) {
    ReleaseStep step = terminated(environmentId, attempt).orElse(null);
    if (step == null || step.commitSha != null || (step.leaseOwner == null && commitSha == null)) {
      return false;
    }
    releaseLease(step);
    step.dirty = true;
    if (commitSha != null) {
      step.commitSha = commitSha;
      step.version = version;
      setStatus(
          step,
          StepStatus.TERMINATED,
          "terminated after committing " + shortSha(commitSha) + " (" + step.message + ")");
    }
    return true;
  }

  /**
   * The action of a step terminated while it ran ended without a commit to report (it failed, or
   * the target already held the change): whether a push of it landed is found by a look at the
   * target, by whoever claims the step next, now that its lease has run out.
   */
  boolean actionEnded(long environmentId, int attempt, Instant now) {
    ReleaseStep step = terminated(environmentId, attempt).orElse(null);
    if (step == null || step.leaseOwner == null) {
      return false;
    }
    step.leaseUntil = now;
    step.dirty = true;
    return true;
  }

  private Optional<ReleaseStep> terminated(long environmentId, int attempt) {
    return step(environmentId)
        .filter(s -> s.status == StepStatus.TERMINATED && s.attempt == attempt);
  }

  /**
   * FAILED or TERMINATED back to RUNNING: failed, terminated and skipped steps run again; succeeded
   * ones stay.
   */
  void retry(Instant now) {
    release.finishedAt = null;
    release.deadlineAt = now.plus(release.timeout);
    setStatus(ReleaseStatus.RUNNING, null);
    for (ReleaseStep step : steps) {
      if (step.status == StepStatus.FAILED
          || step.status == StepStatus.TERMINATED
          || step.status == StepStatus.SKIPPED) {
        step.finishedAt = null;
        setStatus(step, StepStatus.PENDING, null);
      }
    }
    advance(now);
  }

  private boolean finishIfDone(Instant now) {
    if ((release.status != ReleaseStatus.RUNNING && release.status != ReleaseStatus.SUSPENDED)
        || !steps.stream().allMatch(s -> s.status.isTerminal())) {
      return false;
    }
    release.finishedAt = now;
    Optional<ReleaseStep> failed =
        steps.stream().filter(s -> s.status == StepStatus.FAILED).findFirst();
    if (failed.isPresent()) {
      setStatus(
          ReleaseStatus.FAILED, failed.get().environmentName + " failed: " + failed.get().message);
    } else {
      if (release.status == ReleaseStatus.SUSPENDED) {
        setStatus(ReleaseStatus.RUNNING, null);
      }
      setStatus(ReleaseStatus.SUCCEEDED, null);
    }
    return true;
  }

  private ReleaseStep current(long environmentId, int attempt) {
    return step(environmentId)
        .filter(
            s ->
                s.status == StepStatus.RUNNING
                    && s.attempt == attempt
                    && release.status == ReleaseStatus.RUNNING)
        .orElse(null);
  }

  private List<ReleaseStep> dependencies(ReleaseStep step) {
    return steps.stream().filter(s -> step.dependsOn.contains(s.environmentId)).toList();
  }

  private static void releaseLease(ReleaseStep step) {
    step.leaseOwner = null;
    step.leaseUntil = null;
  }

  private void setStatus(ReleaseStatus to, String message) {
    ReleaseStatus from = release.status;
    Transitions.require(release.id, from, to);
    release.status = to;
    release.message = message;
    release.dirty = true;
    transitions.add(new Transition(release.id, release.productId, null, to, from, message));
  }

  private void setStatus(ReleaseStep step, StepStatus to, String message) {
    StepStatus from = step.status;
    Transitions.require(release.id, step.environmentName, from, to);
    step.status = to;
    step.message = message;
    step.dirty = true;
    if (to != StepStatus.RUNNING && to != StepStatus.TERMINATED) {
      releaseLease(step);
    }
    if (to != StepStatus.SUSPENDED) {
      step.held = false;
      step.holdCheckAt = null;
    }
    transitions.add(
        new Transition(release.id, release.productId, step.environmentId, to, from, message));
  }

  static String shortSha(String sha) {
    return sha == null ? "nothing" : sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
