package io.baton.release;

import io.baton.flow.StepAction;

/**
 * A step this instance holds the lease of, and must now carry out; or, when {@code settles}, a step
 * terminated while its action may have been pushing, whose target must be looked at for the commit
 * that action made.
 */
record Work(
    long releaseId,
    long environmentId,
    int attempt,
    StepAction action,
    long productId,
    String releaseVersion,
    boolean settles) {

  String idempotencyKey() {
    return releaseId + "/" + environmentId + "/" + attempt;
  }

  /** What this instance is doing about the step: its action, or settling it. */
  String inFlightKey() {
    return settles ? idempotencyKey() + "/settle" : idempotencyKey();
  }

  boolean makesNoChange() {
    return action == StepAction.NONE;
  }
}
