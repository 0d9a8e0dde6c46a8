package io.baton.flow;

import java.util.List;

/**
 * One target of a flow, by environment name. {@code dependsOn} null means "omitted": the step then
 * depends on the step before it (the first step on the trigger environment); {@link FlowValidation}
 * makes it explicit.
 */
public record FlowStep(String environment, List<String> dependsOn, StepAction action) {

  public FlowStep {
    dependsOn = dependsOn == null ? null : List.copyOf(dependsOn);
  }
}
