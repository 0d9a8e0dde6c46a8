package io.baton.release;

import io.baton.flow.StepAction;
import io.baton.gate.GateSpec;
import java.util.List;

/**
 * One step of a release to make: its environment, the environments it waits for, its action, the
 * application it changes (null for a NONE step where the product has none) and its gates in order.
 */
public record PlannedStep(
    long environmentId,
    List<Long> dependsOn,
    StepAction action,
    Long applicationId,
    List<GateSpec> gates) {

  public PlannedStep {
    dependsOn = List.copyOf(dependsOn);
    gates = List.copyOf(gates);
  }
}
