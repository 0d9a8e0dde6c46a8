package io.baton.release;

import static io.baton.release.ReleaseStatus.FAILED;
import static io.baton.release.ReleaseStatus.QUEUED;
import static io.baton.release.ReleaseStatus.RUNNING;
import static io.baton.release.ReleaseStatus.SUCCEEDED;
import static io.baton.release.ReleaseStatus.SUSPENDED;
import static io.baton.release.ReleaseStatus.TERMINATED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Every allowed status change of a release and of a step, in one table (docs/state-machine.md draws
 * it). Nothing else decides whether a change is legal; every non-terminal status has a way forward.
 */
public final class Transitions {
  private static final Map<ReleaseStatus, Set<ReleaseStatus>> RELEASE =
      new EnumMap<>(ReleaseStatus.class);
  private static final Map<StepStatus, Set<StepStatus>> STEP = new EnumMap<>(StepStatus.class);

  static {
    RELEASE.put(QUEUED, EnumSet.of(RUNNING, TERMINATED));
    RELEASE.put(RUNNING, EnumSet.of(SUSPENDED, SUCCEEDED, FAILED, TERMINATED));
    RELEASE.put(SUSPENDED, EnumSet.of(RUNNING, FAILED, TERMINATED));
    RELEASE.put(SUCCEEDED, EnumSet.noneOf(ReleaseStatus.class));
    // retryRelease: the only way out of a terminal status.
    RELEASE.put(FAILED, EnumSet.of(RUNNING));
    RELEASE.put(TERMINATED, EnumSet.of(RUNNING));

    STEP.put(StepStatus.PENDING, EnumSet.of(StepStatus.RUNNING, StepStatus.SKIPPED));
    STEP.put(
        StepStatus.RUNNING,
        EnumSet.of(
            StepStatus.SUSPENDED, StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.TERMINATED));
    STEP.put(
        StepStatus.SUSPENDED,
        EnumSet.of(StepStatus.RUNNING, StepStatus.FAILED, StepStatus.TERMINATED));
    STEP.put(StepStatus.SUCCEEDED, EnumSet.noneOf(StepStatus.class));
    // retryRelease puts these back to PENDING.
    STEP.put(StepStatus.FAILED, EnumSet.of(StepStatus.PENDING));
    STEP.put(StepStatus.TERMINATED, EnumSet.of(StepStatus.PENDING));
    STEP.put(StepStatus.SKIPPED, EnumSet.of(StepStatus.PENDING));
  }

  private Transitions() {}

  public static boolean allowed(ReleaseStatus from, ReleaseStatus to) {
    return RELEASE.get(from).contains(to);
  }

  public static boolean allowed(StepStatus from, StepStatus to) {
    return STEP.get(from).contains(to);
  }

  public static Set<ReleaseStatus> from(ReleaseStatus status) {
    return EnumSet.copyOf(
        RELEASE.get(status).isEmpty() ? EnumSet.noneOf(ReleaseStatus.class) : RELEASE.get(status));
  }

  public static Set<StepStatus> from(StepStatus status) {
    return STEP.get(status).isEmpty()
        ? EnumSet.noneOf(StepStatus.class)
        : EnumSet.copyOf(STEP.get(status));
  }

  static void require(long releaseId, ReleaseStatus from, ReleaseStatus to) {
    if (from != to && !allowed(from, to)) {
      throw new IllegalTransition("release " + releaseId + " cannot go from " + from + " to " + to);
    }
  }

  static void require(long releaseId, String environment, StepStatus from, StepStatus to) {
    if (from != to && !allowed(from, to)) {
      throw new IllegalTransition(
          "release "
              + releaseId
              + ", environment "
              + environment
              + ": a step cannot go from "
              + from
              + " to "
              + to);
    }
  }

  /** A bug in the engine: the machine asked for a change the table forbids. */
  public static final class IllegalTransition extends IllegalStateException {
    IllegalTransition(String message) {
      super(message);
    }
  }
}
