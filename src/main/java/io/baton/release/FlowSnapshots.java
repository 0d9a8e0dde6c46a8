package io.baton.release;

import io.baton.flow.StepAction;
import io.baton.gate.GateSpec;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** How the engine reads a flow to snapshot it into a release (the flow package implements it). */
public interface FlowSnapshots {

  /** The flows of these names that exist, by name. */
  Future<Map<String, FlowSnapshot>> snapshots(Collection<String> flowNames);

  record FlowSnapshot(
      long id, String name, Duration timeout, long triggerEnvironmentId, List<Step> steps) {

    /** The environments of the steps whose flow leaves their action unset. */
    public List<Long> undecided() {
      return steps.stream().filter(s -> s.action() == null).map(Step::environmentId).toList();
    }

    /** The flow with each undecided step's action as {@code decide} says, by environment. */
    public FlowSnapshot decided(Function<Long, StepAction> decide) {
      List<Step> all =
          steps.stream()
              .map(
                  s ->
                      s.action() != null
                          ? s
                          : new Step(
                              s.environmentId(),
                              s.dependsOn(),
                              decide.apply(s.environmentId()),
                              s.gates()))
              .toList();
      return new FlowSnapshot(id, name, timeout, triggerEnvironmentId, all);
    }
  }

  /**
   * One step of the flow as a release runs it. {@code gates}: the gates its step must pass, those
   * of the target environment first, then the flow step's own, in order. {@code action} null: the
   * flow leaves it to the promotion policies ({@link StepActionPolicy}).
   */
  record Step(long environmentId, List<Long> dependsOn, StepAction action, List<GateSpec> gates) {
    public Step {
      gates = List.copyOf(gates);
    }
  }
}
