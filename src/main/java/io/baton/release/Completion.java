package io.baton.release;

import io.baton.line.Verdict;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of one attempt of one step, waiting to be written. {@code committed}: {@code
 * commitSha} is a commit the step made (not merely the head it found). {@code waiting}: the action
 * started something that ends later; the step waits SUSPENDED.
 */
record Completion(
    Work work,
    boolean succeeded,
    String commitSha,
    String version,
    String message,
    boolean committed,
    Verdict hold,
    long lineVersion,
    boolean waiting) {

  Completion(
      Work work,
      boolean succeeded,
      String commitSha,
      String version,
      String message,
      boolean committed,
      Verdict hold,
      long lineVersion) {
    this(work, succeeded, commitSha, version, message, committed, hold, lineVersion, false);
  }

  Completion(
      Work work,
      boolean succeeded,
      String commitSha,
      String version,
      String message,
      boolean committed) {
    this(work, succeeded, commitSha, version, message, committed, null, 0);
  }

  /** Line control holds the step before its action (see {@link ReleaseRun#held}). */
  static Completion held(Work work, Verdict hold, long lineVersion) {
    return new Completion(work, false, null, null, hold.message(), false, hold, lineVersion);
  }

  static Completion success(Work work, PromotionAction.Result result) {
    if (result.waiting()) {
      return new Completion(
          work, true, null, result.version(), result.message(), false, null, 0, true);
    }
    return new Completion(
        work, true, result.commitSha(), result.version(), result.message(), result.changed());
  }

  static Completion failure(Work work, String message) {
    return new Completion(work, false, null, null, message, false);
  }

  static Completion noChange(Work work) {
    return new Completion(work, true, null, work.releaseVersion(), ReleaseRun.NO_CHANGE, false);
  }

  /** What a look at the target found for a step being settled: its commit, or none. */
  static Completion found(Work work, Optional<PromotionAction.Result> commit) {
    return commit
        .map(r -> new Completion(work, true, r.commitSha(), r.version(), r.message(), true))
        .orElseGet(() -> new Completion(work, true, null, null, null, false));
  }

  /** Applies this outcome to the step's release; false when it no longer concerns the step. */
  boolean applyTo(ReleaseRun run, Instant now) {
    long environment = work.environmentId();
    int attempt = work.attempt();
    String commit = committed ? commitSha : null;
    if (work.settles()) {
      return run.settled(environment, attempt, commit, version, now);
    }
    if (hold != null) {
      return run.held(environment, attempt, message, hold.until(), lineVersion, now);
    }
    if (waiting) {
      return run.waiting(environment, attempt, message, now)
          || run.actionEnded(environment, attempt, now);
    }
    boolean current =
        succeeded
            ? run.succeeded(environment, attempt, commitSha, version, message, now)
            : run.failed(environment, attempt, message, now);
    if (current) {
      return true;
    }
    return commit != null
        ? run.settled(environment, attempt, commit, version, now)
        : run.actionEnded(environment, attempt, now);
  }
}
