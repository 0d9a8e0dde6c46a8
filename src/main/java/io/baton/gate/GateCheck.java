package io.baton.gate;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One check of one gate of one step.
 *
 * @param startedAt when this gate began to be checked for the step's current attempt
 * @param state what earlier checks of this gate kept (e.g. since when an application is Degraded);
 *     empty on the first check. Durable: it is what {@link GateOutcome.Waiting} returned last time
 * @param otherGatesPassedAt when every other gate of the step had passed, if they have (a soak
 *     counts from then)
 * @param approvals the approvals and rejections given to this step's current attempt
 */
public record GateCheck(
    GateSpec spec,
    StepFacts facts,
    Instant startedAt,
    JsonObject state,
    Optional<Instant> otherGatesPassedAt,
    List<Approval> approvals,
    Instant now) {

  /** A person's answer to an {@code APPROVAL} gate. */
  public record Approval(String by, String role, boolean approved, String comment, Instant at) {}
}
