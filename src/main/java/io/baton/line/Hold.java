package io.baton.line;

import java.time.Instant;

/**
 * One thing that may hold a step before its action: a freeze window, a paused environment, a pinned
 * application. Unlike a gate, a hold reads the catalog as it is now, so removing it frees the steps
 * it held.
 */
public interface Hold {
  /** Whether this holds {@code step} at {@code now}. */
  Verdict check(HoldSubject step, Instant now);
}
