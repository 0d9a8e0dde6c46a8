package io.baton.config;

import io.baton.flow.FlowDefinition;
import io.baton.flow.FlowService;
import io.baton.flow.FlowValidation;
import io.baton.flow.FlowYaml;
import io.baton.flow.InvalidFlow;
import io.baton.flow.KeptField;
import io.baton.flow.PromotionFlow;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
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
   * The vendor's hooks and pre/post-action workflows the flow keeps, at their paths in the file
   * (under {@code spec.properties} in the older form).
   */
  @Override
  public List<ConfigWarning> warnings(String name, FlowYaml.Parsed spec) {
    FlowYaml.Place steps = spec.places().get("steps");
    String at = steps == null ? "spec" : steps.path().substring(0, steps.path().lastIndexOf('.'));
    return KeptField.of(spec.definition(), at).stream()
        .map(field -> new ConfigWarning(KIND, name, field.path(), field.message()))
        .toList();
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
