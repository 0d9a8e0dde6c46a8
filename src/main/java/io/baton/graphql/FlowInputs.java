package io.baton.graphql;

import io.baton.flow.FlowDefinition;
import io.baton.flow.FlowStep;
import io.baton.flow.StepAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Promotion flow inputs (CreatePromotionFlowInput, UpdatePromotionFlowInput) as flow definitions.
 */
final class FlowInputs {
  private FlowInputs() {}

  static FlowDefinition definition(Map<String, Object> in) {
    return new FlowDefinition(
        Args.string(in, "name"),
        Args.string(in, "description"),
        Args.string(in, "version"),
        (Duration) in.get("timeout"),
        Args.string(in, "triggerEnvironment"),
        steps(in.get("steps")));
  }

  /**
   * The stored flow with the input's fields applied. An omitted field keeps its value; description,
   * version and timeout given as null are cleared (the timeout back to its default).
   */
  static FlowDefinition change(FlowDefinition current, Map<String, Object> in) {
    return new FlowDefinition(
        current.name(),
        in.containsKey("description") ? Args.string(in, "description") : current.description(),
        in.containsKey("version") ? Args.string(in, "version") : current.version(),
        in.containsKey("timeout") ? (Duration) in.get("timeout") : current.timeout(),
        in.get("triggerEnvironment") != null
            ? Args.string(in, "triggerEnvironment")
            : current.triggerEnvironment(),
        in.get("steps") != null ? steps(in.get("steps")) : current.steps(),
        current.kept());
  }

  @SuppressWarnings("unchecked")
  private static List<FlowStep> steps(Object steps) {
    if (steps == null) {
      return null;
    }
    return ((List<Map<String, Object>>) steps)
        .stream()
            .map(
                step ->
                    new FlowStep(
                        Args.string(step, "environment"),
                        (List<String>) step.get("dependsOn"),
                        Args.enumValue(StepAction.class, step, "action"),
                        GateInputs.gates(step.get("gates"))))
            .toList();
  }
}
