package io.baton.line;

import java.time.Instant;

/** A pinned application holds every step that would change it, until it is unpinned. */
public record ApplicationPinHold(
    long applicationId, String applicationName, String by, String reason) implements Hold {
  @Override
  public Verdict check(HoldSubject step, Instant now) {
    return step.applicationId() != null && step.applicationId() == applicationId
        ? Verdict.held(applicationName + " is pinned by " + by + ": " + reason, null)
        : Verdict.FREE;
  }
}
