package io.baton.flow;

import io.baton.gate.GateSpec;
import java.util.List;

/**
 * One target of a flow, by environment name. {@code dependsOn} null means "omitted": the step then
 * depends on the step before it (the first step on the trigger environment); {@link FlowValidation}
 * makes it explicit. {@code gates}: the step's own gates, in order (its environment's come first
 * when a release runs it); null is none.
 */
public record FlowStep(
    String environment, List<String> dependsOn, StepAction action, List<GateSpec> gates) {

  public FlowStep {
    dependsOn = dependsOn == null ? null : List.copyOf(dependsOn);
    gates = gates == null ? List.of() : List.copyOf(gates);
  }

  /** A step without gates of its own. */
  public FlowStep(String environment, List<String> dependsOn, StepAction action) {
    this(environment, dependsOn, action, List.of());
  }
}
