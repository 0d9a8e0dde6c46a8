package io.baton.release;

import io.baton.audit.Audit;
import io.baton.flow.StepAction;
import io.baton.gate.GateSpec;
import io.baton.product.Application;
import io.baton.product.Product;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run of a stored flow: a trigger step in the flow's trigger environment (NONE, with the trigger
 * source's gates), then the flow's steps, pinned as the trigger source says.
 */
record FlowDraft(
    FlowSnapshots.FlowSnapshot flow,
    Product product,
    TriggerSource by,
    Audit audit,
    Application source,
    List<PlannedStep> steps)
    implements ReleaseDraft {

  static FlowDraft of(
      FlowSnapshots.FlowSnapshot flow,
      Product product,
      TriggerSource by,
      Audit audit,
      Application source,
      Map<Long, Application> targets,
      List<GateSpec> triggerEnvironmentGates) {
    List<PlannedStep> steps = new ArrayList<>();
    steps.add(
        new PlannedStep(
            flow.triggerEnvironmentId(),
            List.of(),
            StepAction.NONE,
            source.id(),
            by.triggerStepGates(triggerEnvironmentGates)));
    flow.steps().forEach(step -> steps.add(planOf(step, targets.get(step.environmentId()))));
    return new FlowDraft(flow, product, by, audit, source, steps);
  }

  private static PlannedStep planOf(FlowSnapshots.Step step, Application target) {
    Long targetId = target == null ? null : target.id();
    return new PlannedStep(
        step.environmentId(), step.dependsOn(), step.action(), targetId, step.gates());
  }

  @Override
  public Long flowId() {
    return flow.id();
  }

  @Override
  public String flowName() {
    return flow.name();
  }

  @Override
  public Long triggerEnvironmentId() {
    return flow.triggerEnvironmentId();
  }

  @Override
  public Duration timeout() {
    return flow.timeout();
  }

  @Override
  public Future<SourcePinner.Snapshot> pin(SourcePinner pinner) {
    return by.pin(pinner, source, product.promotionTemplate());
  }
}
