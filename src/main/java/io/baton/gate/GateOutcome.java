package io.baton.gate;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** What a check of a gate decided. */
public sealed interface GateOutcome {

  /**
   * A readable account of the decision, shown on the step (e.g. "Waiting for Argo CD:
   * Progressing").
   */
  String message();

  /** The gate passed; it is not checked again in this attempt. */
  record Passed(String message) implements GateOutcome {}

  /**
   * Not yet: check again at {@code nextCheck}, keeping {@code state} for that check. {@code
   * forPerson} says the gate waits for a person (the step is then SUSPENDED, not RUNNING).
   */
  record Waiting(String message, Instant nextCheck, JsonObject state, boolean forPerson)
      implements GateOutcome {}

  /** The gate failed, and its step with it; the message says why. */
  record Failed(String message) implements GateOutcome {}
}
