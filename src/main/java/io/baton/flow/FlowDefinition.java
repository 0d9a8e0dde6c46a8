package io.baton.flow;

import java.time.Duration;
import java.util.List;

/**
 * A flow as people write it, by names: what GraphQL inputs and YAML become, and what {@link
 * FlowValidation} checks. Before validation any part may be missing; after it, the timeout and
 * every step's dependsOn are set. A step's action may stay null: the promotion policies decide it.
 * {@code kept}: the vendor's hooks and workflows, kept and written again, never carried out.
 */
public record FlowDefinition(
    String name,
    String description,
    String version,
    Duration timeout,
    String triggerEnvironment,
    List<FlowStep> steps,
    KeptFields kept) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

  public FlowDefinition {
    steps = steps == null ? null : List.copyOf(steps);
    kept = kept == null ? KeptFields.NONE : kept;
  }

  /** A flow without kept vendor fields. */
  public FlowDefinition(
      String name,
      String description,
      String version,
      Duration timeout,
      String triggerEnvironment,
      List<FlowStep> steps) {
    this(name, description, version, timeout, triggerEnvironment, steps, KeptFields.NONE);
  }
}
