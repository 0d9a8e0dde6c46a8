package io.baton.release;

import io.baton.flow.StepAction;
import io.baton.gate.GateSpec;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** How the engine reads a flow to snapshot it into a release (the flow package implements it). */
public interface FlowSnapshots {

  /** The flows of these names that exist, by name. */
  Future<Map<String, FlowSnapshot>> snapshots(Collection<String> flowNames);

  record FlowSnapshot(
      long id, String name, Duration timeout, long triggerEnvironmentId, List<Step> steps) {}

  /**
   * One step of the flow as a release runs it. {@code gates}: the gates its step must pass, those
   * of the target environment first, then the flow step's own, in order.
   */
  record Step(long environmentId, List<Long> dependsOn, StepAction action, List<GateSpec> gates) {
    public Step {
      gates = List.copyOf(gates);
    }
  }
}
