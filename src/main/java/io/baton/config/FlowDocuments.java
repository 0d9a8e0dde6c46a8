package io.baton.config;

import io.baton.flow.FlowDefinition;
import io.baton.flow.FlowService;
import io.baton.flow.FlowStep;
import io.baton.flow.FlowValidation;
import io.baton.flow.FlowYaml;
import io.baton.flow.InvalidFlow;
import io.baton.flow.KeptFields;
import io.baton.flow.PromotionFlow;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code kind: PromotionFlow}: the flow YAML a flow already has (docs/api.md, "Flow YAML"), read
 * and written by {@link FlowYaml}, so there is one flow format.
 */
final class FlowDocuments implements DocumentKind<FlowYaml.Parsed> {
  static final String KIND = FlowYaml.KIND;

  private final FlowService flows;

  FlowDocuments(FlowService flows) {
    this.flows = flows;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public FlowYaml.Parsed read(String name, Node document, Lines lines) {
    return FlowYaml.read(document);
  }

  /** The flow as it will be stored: every step's dependsOn and action explicit, gates' defaults. */
  @Override
  public FlowYaml.Parsed check(FlowYaml.Parsed parsed, Lines lines, Known known) {
    try {
      FlowDefinition valid =
          FlowValidation.validate(parsed.definition(), known.of(EnvironmentDocuments.KIND));
      return new FlowYaml.Parsed(valid, parsed.places());
    } catch (InvalidFlow problem) {
      throw parsed.locate(problem);
    }
  }

  @Override
  public LinkedHashMap<String, FlowYaml.Parsed> current(Catalog catalog) {
    LinkedHashMap<String, FlowYaml.Parsed> all = new LinkedHashMap<>();
    for (PromotionFlow flow : catalog.flows()) {
      all.put(flow.name(), new FlowYaml.Parsed(flow.definition(), Map.of()));
    }
    return all;
  }

  @Override
  public Node document(String name, FlowYaml.Parsed spec) {
    return FlowYaml.document(spec.definition());
  }

  /**
   * The vendor's hooks and pre/post-action workflows the flow keeps: each hook (by event) and each
   * workflow, at its path in the file (under {@code spec.properties} in the older form).
   */
  @Override
  public List<ConfigWarning> warnings(String name, FlowYaml.Parsed spec) {
    KeptFields kept = spec.definition().kept();
    FlowYaml.Place steps = spec.places().get("steps");
    String at = steps == null ? "spec" : steps.path().substring(0, steps.path().lastIndexOf('.'));
    List<ConfigWarning> warnings = new ArrayList<>();
    hooks(warnings, name, at + ".hooks", kept.hooks(), RELEASE_HOOK);
    List<FlowStep> all = spec.definition().steps();
    for (int i = 0; i < all.size(); i++) {
      KeptFields.Step step = kept.step(all.get(i).environment());
      String path = at + ".steps[" + i + "]";
      hooks(warnings, name, path + ".hooks", step.hooks(), STEP_HOOK);
      if (step.preAction() != null) {
        warnings.add(workflow(name, path + ".policy.preAction", step.preAction(), "BEFORE"));
      }
      if (step.postAction() != null) {
        warnings.add(workflow(name, path + ".policy.postAction", step.postAction(), "AFTER"));
      }
    }
    return warnings;
  }

  private static final String RELEASE_HOOK =
      "Baton does not run promotion hooks; it keeps this one and exports it again. Add a webhook"
          + " (Baton posts each release's start and end to it) instead";
  private static final String STEP_HOOK =
      "Baton does not run promotion hooks; it keeps this one and exports it again. Add a webhook"
          + " (Baton posts each step's start and end to it) or an HTTP gate on the step instead";

  private static void hooks(
      List<ConfigWarning> warnings, String name, String path, Object hooks, String message) {
    if (hooks instanceof Map<?, ?> byEvent) {
      byEvent.forEach(
          (event, hook) ->
              warnings.add(
                  new ConfigWarning(
                      KIND,
                      name,
                      path + "." + event,
                      message.replace("this one", "\"" + hook + "\""))));
    } else if (hooks != null) {
      warnings.add(new ConfigWarning(KIND, name, path, message));
    }
  }

  private static ConfigWarning workflow(String name, String path, String template, String when) {
    return new ConfigWarning(
        KIND,
        name,
        path,
        "Baton does not run workflow templates; it keeps \""
            + template
            + "\" and exports it again. Add an HTTP gate with when: "
            + when
            + " to the step instead");
  }

  @Override
  public Future<?> create(SqlConnection conn, String name, FlowYaml.Parsed spec, Lines lines) {
    return save(conn, spec);
  }

  @Override
  public Future<?> update(
      SqlConnection conn, String name, FlowYaml.Parsed current, FlowYaml.Parsed spec, Lines lines) {
    return save(conn, spec);
  }

  private Future<?> save(SqlConnection conn, FlowYaml.Parsed spec) {
    return flows
        .apply(conn, spec.definition())
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof InvalidFlow invalid ? spec.locate(invalid) : failure));
  }

  @Override
  public Future<?> delete(SqlConnection conn, String name) {
    return flows.delete(conn, name);
  }
}
