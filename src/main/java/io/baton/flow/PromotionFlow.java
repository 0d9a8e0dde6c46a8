package io.baton.flow;

import io.baton.environment.Environment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A stored flow, with its environments resolved: what a release snapshots when it starts. Steps are
 * in the order they were written; every step's {@code dependsOn} is explicit and names the trigger
 * environment or other steps.
 */
public record PromotionFlow(
    long id,
    String name,
    String description,
    String version,
    Duration timeout,
    Environment triggerEnvironment,
    List<Step> steps,
    Instant createdAt,
    Instant updatedAt) {

  public record Step(Environment environment, List<Environment> dependsOn, StepAction action) {

    public Step {
      dependsOn = List.copyOf(dependsOn);
    }
  }

  public PromotionFlow {
    steps = List.copyOf(steps);
  }

  /** The flow by names, as it would be written again. */
  public FlowDefinition definition() {
    List<FlowStep> byName =
        steps.stream()
            .map(
                s ->
                    new FlowStep(
                        s.environment().name(),
                        s.dependsOn().stream().map(Environment::name).toList(),
                        s.action()))
            .toList();
    return new FlowDefinition(
        name, description, version, timeout, triggerEnvironment.name(), byName);
  }

  public String yaml() {
    return FlowYaml.write(definition());
  }
}
