package io.baton.line;

import java.time.Instant;

/** A paused environment holds every step into it, of every product, until it is resumed. */
public record EnvironmentPauseHold(
    long environmentId, String environmentName, String by, String reason) implements Hold {
  @Override
  public Verdict check(HoldSubject step, Instant now) {
    return step.environmentId() == environmentId
        ? Verdict.held(environmentName + " is paused by " + by + ": " + reason, null)
        : Verdict.FREE;
  }
}
