package io.baton.config;

import io.baton.environment.Environment;
import io.baton.environment.EnvironmentKind;
import io.baton.environment.EnvironmentService;
import io.baton.environment.EnvironmentService.EnvironmentChange;
import io.baton.environment.EnvironmentService.NewEnvironment;
import io.baton.flow.FlowYaml.Fields;
import io.baton.flow.GateYaml;
import io.baton.gate.GateSpec;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code kind: Environment}: the fields of CreateEnvironmentInput. A document without {@code
 * position} leaves an environment where it is (a new one goes after the others).
 */
final class EnvironmentDocuments implements DocumentKind<EnvironmentDocuments.Spec> {
  static final String KIND = "Environment";
  private static final Set<String> FIELDS = Set.of("kind", "position", "gates", "argocdServer");

  private final EnvironmentService environments;

  EnvironmentDocuments(EnvironmentService environments) {
    this.environments = environments;
  }

  /** {@code gates}: with their defaults explicit, as the environment stores them. */
  record Spec(EnvironmentKind kind, Integer position, List<GateSpec> gates, String argocdServer) {
    Spec {
      gates = List.copyOf(gates);
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Spec read(String name, Node document, Lines lines) {
    Fields spec = CatalogDocument.spec(document, FIELDS);
    List<GateSpec> gates = new ArrayList<>();
    for (Node gate : CatalogDocument.list(spec, "gates", "[{soak: {duration: PT10M}}]")) {
      gates.add(GateYaml.read(gate, spec.path("gates") + "[" + gates.size() + "]"));
    }
    for (String field : FIELDS) {
      if (spec.has(field)) {
        lines.put("spec." + field, spec.line(field));
      }
    }
    String argocdServer = spec.text("argocdServer");
    return new Spec(
        CatalogDocument.enumValue(spec, "kind", EnvironmentKind.class, EnvironmentKind.NON_PROD),
        CatalogDocument.integer(spec, "position"),
        lines.at("spec.gates", () -> EnvironmentService.validGates(name, gates)),
        lines.at("spec.argocdServer", () -> EnvironmentService.validArgocdServer(argocdServer)));
  }

  @Override
  public LinkedHashMap<String, Spec> current(Catalog catalog) {
    LinkedHashMap<String, Spec> all = new LinkedHashMap<>();
    for (Environment env : catalog.environments()) {
      all.put(env.name(), new Spec(env.kind(), env.position(), env.gates(), env.argocdServer()));
    }
    return all;
  }

  @Override
  public Spec settle(Spec desired, Spec current) {
    return desired.position() != null
        ? desired
        : new Spec(desired.kind(), current.position(), desired.gates(), desired.argocdServer());
  }

  @Override
  public Node document(String name, Spec spec) {
    YamlNodes.MappingBuilder fields =
        YamlNodes.mapping()
            .put("kind", spec.kind().name())
            .put("position", spec.position() == null ? null : YamlNodes.number(spec.position()));
    if (!spec.gates().isEmpty()) {
      fields.put("gates", YamlNodes.blockList(spec.gates().stream().map(GateYaml::write).toList()));
    }
    fields.put("argocdServer", spec.argocdServer());
    return YamlNodes.document(KIND, name, fields.block());
  }

  @Override
  public Future<?> create(SqlConnection conn, String name, Spec spec, Lines lines) {
    return environments.create(
        conn,
        new NewEnvironment(name, spec.kind(), spec.position(), spec.gates(), spec.argocdServer()));
  }

  @Override
  public Future<?> update(SqlConnection conn, String name, Spec current, Spec spec, Lines lines) {
    return environments.update(
        conn,
        new EnvironmentChange(
            name, spec.kind(), spec.position(), spec.gates(), true, spec.argocdServer()));
  }

  @Override
  public Future<?> delete(SqlConnection conn, String name) {
    return environments.delete(conn, name);
  }
}
