package io.baton.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of a flow's kept vendor fields ({@link KeptFields}), where it is in the flow's YAML and what
 * Baton does instead of carrying it out.
 *
 * @param path such as {@code spec.steps[0].hooks.onStart}
 */
public record KeptField(String path, String message) {
  private static final String RELEASE_HOOK =
      "Baton does not run promotion hooks; it keeps this one and exports it again. Add a webhook"
          + " (Baton posts each release's start and end to it) instead";
  private static final String STEP_HOOK =
      "Baton does not run promotion hooks; it keeps this one and exports it again. Add a webhook"
          + " (Baton posts each step's start and end to it) or an HTTP gate on the step instead";

  /**
   * The flow's kept fields: its hooks (one per event), then each step's hooks and pre- and
   * post-action workflows. {@code spec}: the path of the fields the flow's spec holds ({@code
   * spec}, or {@code spec.properties} in the vendor's older form).
   */
  public static List<KeptField> of(FlowDefinition flow, String spec) {
    KeptFields kept = flow.kept();
    List<KeptField> fields = new ArrayList<>();
    hooks(fields, spec + ".hooks", kept.hooks(), RELEASE_HOOK);
    List<FlowStep> steps = flow.steps() == null ? List.of() : flow.steps();
    for (int i = 0; i < steps.size(); i++) {
      KeptFields.Step step = kept.step(steps.get(i).environment());
      String path = spec + ".steps[" + i + "]";
      hooks(fields, path + ".hooks", step.hooks(), STEP_HOOK);
      if (step.preAction() != null) {
        fields.add(workflow(path + ".policy.preAction", step.preAction(), "BEFORE"));
      }
      if (step.postAction() != null) {
        fields.add(workflow(path + ".policy.postAction", step.postAction(), "AFTER"));
      }
    }
    return fields;
  }

  private static void hooks(List<KeptField> fields, String path, Object hooks, String message) {
    if (hooks instanceof Map<?, ?> byEvent) {
      byEvent.forEach(
          (event, hook) ->
              fields.add(
                  new KeptField(
                      path + "." + event, message.replace("this one", "\"" + hook + "\""))));
    } else if (hooks != null) {
      fields.add(new KeptField(path, message));
    }
  }

  private static KeptField workflow(String path, String template, String when) {
    return new KeptField(
        path,
        "Baton does not run workflow templates; it keeps \""
            + template
            + "\" and exports it again. Add an HTTP gate with when: "
            + when
            + " to the step instead");
  }
}
