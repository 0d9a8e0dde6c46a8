package io.baton.flow;

import io.baton.Names;
import io.baton.error.BatonException;
import io.baton.gate.GateDefinitions;
import io.baton.gate.GateSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every rule a flow must keep, in one pure place. A valid flow is a DAG whose only root is the
 * trigger environment: each target appears once, is not the trigger, depends on at least one
 * environment of the flow, and no chain of dependencies comes back to where it started.
 */
public final class FlowValidation {
  /**
   * The longest timeout a flow may have: a release still running after a year is a bug, not a plan.
   */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(365);

  private FlowValidation() {}

  /**
   * Checks {@code draft} against the rules and the environments that exist, and returns it with the
   * defaults made explicit (timeout, dependsOn). An action left unset stays unset: the promotion
   * policies decide it when a release runs the step (COMMIT when none does). Fails with {@link
   * InvalidFlow} naming the first problem found.
   */
  public static FlowDefinition validate(FlowDefinition draft, Set<String> existingEnvironments) {
    requireName(draft.name());
    Duration timeout = timeout(draft.timeout());
    String trigger = requireTrigger(draft.triggerEnvironment());
    List<FlowStep> steps = withDefaults(trigger, requireSteps(draft.steps()));
    requireEachTargetOnce(trigger, steps);
    requireKnown(trigger, steps, existingEnvironments);
    requireDependenciesInFlow(trigger, steps);
    requireAcyclic(steps);
    requireValidGates(steps);
    return new FlowDefinition(
        draft.name(),
        blankToNull(draft.description()),
        blankToNull(draft.version()),
        timeout,
        trigger,
        steps,
        draft.kept());
  }

  private static void requireName(String name) {
    try {
      Names.require("promotion flow", name);
    } catch (BatonException e) {
      throw new InvalidFlow("name", e.getMessage());
    }
  }

  private static Duration timeout(Duration timeout) {
    if (timeout == null) {
      return FlowDefinition.DEFAULT_TIMEOUT;
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new InvalidFlow("timeout", "timeout must be a positive duration, not " + timeout);
    }
    if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new InvalidFlow(
          "timeout",
          "timeout " + timeout + " is longer than the " + MAX_TIMEOUT.toDays() + " days allowed");
    }
    if (timeout.getNano() % 1_000_000 != 0) {
      throw new InvalidFlow("timeout", "timeout " + timeout + " is finer than a millisecond");
    }
    return timeout;
  }

  private static String requireTrigger(String trigger) {
    if (trigger == null || trigger.isBlank()) {
      throw new InvalidFlow("triggerEnvironment", "triggerEnvironment is required");
    }
    return trigger;
  }

  private static List<FlowStep> requireSteps(List<FlowStep> steps) {
    if (steps == null || steps.isEmpty()) {
      throw new InvalidFlow("steps", "steps must name at least one target environment");
    }
    for (int i = 0; i < steps.size(); i++) {
      String environment = steps.get(i).environment();
      if (environment == null || environment.isBlank()) {
        throw new InvalidFlow(field(i, "environment"), field(i, "environment") + " is required");
      }
    }
    return steps;
  }

  /** An omitted dependsOn is the step before (the trigger for the first step). */
  private static List<FlowStep> withDefaults(String trigger, List<FlowStep> steps) {
    List<FlowStep> explicit = new ArrayList<>(steps.size());
    String previous = trigger;
    for (FlowStep step : steps) {
      List<String> dependsOn = step.dependsOn() == null ? List.of(previous) : step.dependsOn();
      explicit.add(
          new FlowStep(
              step.environment(),
              dependsOn,
              step.action(),
              step.gates().stream().map(GateDefinitions::withDefaults).toList()));
      previous = step.environment();
    }
    return explicit;
  }

  private static void requireEachTargetOnce(String trigger, List<FlowStep> steps) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      String environment = steps.get(i).environment();
      if (environment.equals(trigger)) {
        throw new InvalidFlow(
            field(i, "environment"),
            "the trigger environment \"" + trigger + "\" cannot also be a target step");
      }
      if (!seen.add(environment)) {
        throw new InvalidFlow(
            field(i, "environment"),
            "environment \""
                + environment
                + "\" is a step twice; each environment may be a target once");
      }
    }
  }

  private static void requireKnown(String trigger, List<FlowStep> steps, Set<String> existing) {
    Map<String, String> firstMention = firstMentions(trigger, steps);
    List<String> unknown =
        firstMention.keySet().stream().filter(name -> !existing.contains(name)).toList();
    if (unknown.isEmpty()) {
      return;
    }
    String quoted =
        unknown.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", "));
    throw new InvalidFlow(
        firstMention.get(unknown.get(0)),
        unknown.size() == 1
            ? "environment " + quoted + " does not exist"
            : "environments " + quoted + " do not exist");
  }

  /** Every environment the flow names, in the order written, with the field that names it first. */
  private static Map<String, String> firstMentions(String trigger, List<FlowStep> steps) {
    Map<String, String> mentions = new LinkedHashMap<>();
    mentions.put(trigger, "triggerEnvironment");
    for (int i = 0; i < steps.size(); i++) {
      mentions.putIfAbsent(steps.get(i).environment(), field(i, "environment"));
      for (String dependency : steps.get(i).dependsOn()) {
        mentions.putIfAbsent(dependency, field(i, "dependsOn"));
      }
    }
    return mentions;
  }

  private static void requireDependenciesInFlow(String trigger, List<FlowStep> steps) {
    Set<String> inFlow = new HashSet<>();
    inFlow.add(trigger);
    steps.forEach(step -> inFlow.add(step.environment()));
    for (int i = 0; i < steps.size(); i++) {
      requireDependencies(steps.get(i), field(i, "dependsOn"), inFlow);
    }
  }

  private static void requireDependencies(FlowStep step, String field, Set<String> inFlow) {
    String name = "step \"" + step.environment() + "\"";
    if (step.dependsOn().isEmpty()) {
      throw new InvalidFlow(
          field,
          name
              + " has an empty dependsOn: omit it to depend on the step before, or name "
              + "at least one environment");
    }
    Set<String> seen = new HashSet<>();
    for (String dependency : step.dependsOn()) {
      if (!seen.add(dependency)) {
        throw new InvalidFlow(field, name + " lists \"" + dependency + "\" twice in dependsOn");
      }
      if (dependency.equals(step.environment())) {
        throw new InvalidFlow(field, name + " depends on itself");
      }
      if (!inFlow.contains(dependency)) {
        throw new InvalidFlow(
            field,
            name
                + " depends on \""
                + dependency
                + "\", which is neither the trigger environment nor a step of this flow");
      }
    }
  }

  /**
   * A depth-first walk along dependsOn; meeting a step that is still on the path closes a cycle.
   */
  private static void requireAcyclic(List<FlowStep> steps) {
    Map<String, FlowStep> byEnvironment = new HashMap<>();
    steps.forEach(step -> byEnvironment.put(step.environment(), step));
    Set<String> done = new HashSet<>();
    for (FlowStep step : steps) {
      List<String> cycle = cycleFrom(step.environment(), byEnvironment, new ArrayList<>(), done);
      if (cycle != null) {
        int index = steps.indexOf(byEnvironment.get(cycle.get(0)));
        throw new InvalidFlow(
            field(index, "dependsOn"),
            "dependsOn forms a cycle: "
                + String.join(" -> ", cycle)
                + " (each step depends on the next); a flow must lead from the trigger environment without loops");
      }
    }
  }

  private static List<String> cycleFrom(
      String environment, Map<String, FlowStep> steps, List<String> path, Set<String> done) {
    int onPath = path.indexOf(environment);
    if (onPath >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(onPath, path.size()));
      cycle.add(environment);
      return cycle;
    }
    FlowStep step = steps.get(environment);
    if (step == null || done.contains(environment)) {
      return null;
    }
    path.add(environment);
    for (String dependency : step.dependsOn()) {
      List<String> cycle = cycleFrom(dependency, steps, path, done);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    done.add(environment);
    return null;
  }

  /**
   * Each gate by its kind's rules; the problem names the step, the gate's index and its kind, and
   * the message the field.
   */
  private static void requireValidGates(List<FlowStep> steps) {
    for (int i = 0; i < steps.size(); i++) {
      FlowStep step = steps.get(i);
      if (step.gates().size() > GateDefinitions.MAX_GATES) {
        throw new InvalidFlow(
            field(i, "gates"),
            "step \""
                + step.environment()
                + "\" has more than "
                + GateDefinitions.MAX_GATES
                + " gates");
      }
      for (int g = 0; g < step.gates().size(); g++) {
        GateSpec gate = step.gates().get(g);
        List<String> problems = GateDefinitions.problems(gate);
        if (!problems.isEmpty()) {
          String where = field(i, "gates[" + g + "]");
          throw new InvalidFlow(
              where,
              where
                  + " ("
                  + gate.kind()
                  + " gate of step \""
                  + step.environment()
                  + "\"): "
                  + String.join("; ", problems));
        }
      }
    }
  }

  static String field(int step, String part) {
    return "steps[" + step + "]." + part;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
