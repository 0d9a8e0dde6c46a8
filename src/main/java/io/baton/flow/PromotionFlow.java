package io.baton.flow;

import io.baton.environment.Environment;
import io.baton.gate.GateSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    Instant updatedAt,
    KeptFields kept) {

  /** {@code gates}: the step's own gates, in order, without its environment's. */
  public record Step(
      Environment environment,
      List<Environment> dependsOn,
      StepAction action,
      List<GateSpec> gates) {

    public Step {
      dependsOn = List.copyOf(dependsOn);
      gates = List.copyOf(gates);
    }

    /**
     * The gates a release's step into this environment must pass, in order: the environment's (an
     * administrator's rule for every step into it) first, then the step's own.
     */
    public List<GateSpec> gatesToPass() {
      List<GateSpec> all = new ArrayList<>();
      if (environment.gates() != null) {
        all.addAll(environment.gates());
      }
      all.addAll(gates);
      return List.copyOf(all);
    }
  }

  public PromotionFlow {
    steps = List.copyOf(steps);
    kept = kept == null ? KeptFields.NONE : kept;
  }

  /** A flow without kept vendor fields. */
  public PromotionFlow(
      long id,
      String name,
      String description,
      String version,
      Duration timeout,
      Environment triggerEnvironment,
      List<Step> steps,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        name,
        description,
        version,
        timeout,
        triggerEnvironment,
        steps,
        createdAt,
        updatedAt,
        KeptFields.NONE);
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
                        s.action(),
                        s.gates()))
            .toList();
    return new FlowDefinition(
        name, description, version, timeout, triggerEnvironment.name(), byName, kept);
  }

  public String yaml() {
    return FlowYaml.write(definition());
  }
}
