package io.baton.config;

import io.baton.flow.FlowYaml.Fields;
import io.baton.product.Concurrency;
import io.baton.product.GitTriggerSelector;
import io.baton.product.Product;
import io.baton.product.ProductService;
import io.baton.product.ProductService.FlowTriggerInput;
import io.baton.product.PromotionTemplate;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code kind: Product}: the fields of CreateProductInput: concurrency, the promotion template and
 * the flows the product runs by itself (promotionFlows, with their Git trigger selectors).
 */
final class ProductDocuments implements DocumentKind<ProductDocuments.Spec> {
  static final String KIND = "Product";
  private static final Set<String> FIELDS =
      Set.of("concurrency", "promotionTemplate", "promotionFlows");
  private static final Set<String> TEMPLATE = Set.of("versionSource", "promotion");
  private static final Set<String> VERSION_SOURCE = Set.of("file", "jsonPath");
  private static final Set<String> ENTRY = Set.of("file", "jsonPaths");
  private static final Set<String> TRIGGER = Set.of("flow", "gitTriggerSelectors");
  private static final Set<String> SELECTOR = Set.of("key", "operator", "values");

  private final ProductService products;

  ProductDocuments(ProductService products) {
    this.products = products;
  }

  /** {@code template}: null when the product mirrors every file. */
  record Spec(Concurrency concurrency, PromotionTemplate template, List<FlowTriggerInput> flows) {
    Spec {
      flows = List.copyOf(flows);
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Spec read(String name, Node document, Lines lines) {
    Fields spec = CatalogDocument.spec(document, FIELDS);
    PromotionTemplate template = null;
    if (spec.has("promotionTemplate")) {
      lines.put("spec.promotionTemplate", spec.line("promotionTemplate"));
      Map<String, Object> input = template(spec);
      template = lines.at("spec.promotionTemplate", () -> PromotionTemplate.fromInput(input));
    }
    List<FlowTriggerInput> flows = flows(spec, lines);
    if (spec.has("promotionFlows")) {
      lines.put("spec.promotionFlows", spec.line("promotionFlows"));
    }
    lines.at(
        "spec.promotionFlows",
        () -> {
          ProductService.requireValid(flows);
          return flows;
        });
    return new Spec(
        CatalogDocument.enumValue(spec, "concurrency", Concurrency.class, Concurrency.QUEUE),
        template,
        flows);
  }

  /** The template as GraphQL would give it, for PromotionTemplate to check. */
  private static Map<String, Object> template(Fields spec) {
    Fields template =
        Fields.of(
            spec.required("promotionTemplate"), spec.path("promotionTemplate"), TEMPLATE, Set.of());
    Map<String, Object> input = new HashMap<>();
    if (template.has("versionSource")) {
      Fields source =
          Fields.of(
              template.required("versionSource"),
              template.path("versionSource"),
              VERSION_SOURCE,
              Set.of());
      Map<String, Object> versionSource = new HashMap<>();
      versionSource.put("file", source.text("file"));
      versionSource.put("jsonPath", source.text("jsonPath"));
      input.put("versionSource", versionSource);
    }
    List<Map<String, Object>> promotion = new ArrayList<>();
    for (Node item :
        CatalogDocument.list(
            template, "promotion", "[{file: values.yaml, jsonPaths: [$.image.tag]}]")) {
      Fields entry =
          Fields.of(
              item, template.path("promotion") + "[" + promotion.size() + "]", ENTRY, Set.of());
      Map<String, Object> values = new HashMap<>();
      values.put("file", entry.text("file"));
      values.put("jsonPaths", CatalogDocument.texts(entry, "jsonPaths"));
      promotion.add(values);
    }
    input.put("promotion", promotion);
    return input;
  }

  private static List<FlowTriggerInput> flows(Fields spec, Lines lines) {
    List<FlowTriggerInput> flows = new ArrayList<>();
    for (Node item : CatalogDocument.list(spec, "promotionFlows", "[{flow: my-flow}]")) {
      String path = spec.path("promotionFlows") + "[" + flows.size() + "]";
      Fields trigger = Fields.of(item, path, TRIGGER, Set.of());
      String flow = trigger.requiredText("flow");
      lines.put(path + ".flow", trigger.line("flow"));
      List<GitTriggerSelector> selectors = new ArrayList<>();
      for (Node node :
          CatalogDocument.list(
              trigger,
              "gitTriggerSelectors",
              "[{key: COMMIT_MESSAGE, operator: IN, values: [\"release*\"]}]")) {
        Fields selector =
            Fields.of(
                node,
                trigger.path("gitTriggerSelectors") + "[" + selectors.size() + "]",
                SELECTOR,
                Set.of());
        selector.required("key");
        selector.required("operator");
        selectors.add(
            new GitTriggerSelector(
                CatalogDocument.enumValue(selector, "key", GitTriggerSelector.Key.class, null),
                CatalogDocument.enumValue(
                    selector, "operator", GitTriggerSelector.Operator.class, null),
                CatalogDocument.texts(selector, "values")));
      }
      flows.add(new FlowTriggerInput(flow, selectors));
    }
    return flows;
  }

  @Override
  public Spec check(Spec spec, Lines lines, Known known) {
    for (int i = 0; i < spec.flows().size(); i++) {
      String flow = spec.flows().get(i).flow();
      if (!known.has(FlowDocuments.KIND, flow)) {
        throw lines.invalid(
            "spec.promotionFlows[" + i + "].flow", "there is no promotion flow \"" + flow + "\"");
      }
    }
    return spec;
  }

  @Override
  public LinkedHashMap<String, Spec> current(Catalog catalog) {
    LinkedHashMap<String, Spec> all = new LinkedHashMap<>();
    for (Product product : catalog.products()) {
      List<FlowTriggerInput> flows =
          catalog.triggers().getOrDefault(product.id(), List.of()).stream()
              .map(t -> new FlowTriggerInput(t.flowName(), t.selectors()))
              .toList();
      all.put(product.name(), new Spec(product.concurrency(), product.promotionTemplate(), flows));
    }
    return all;
  }

  @Override
  public Node document(String name, Spec spec) {
    YamlNodes.MappingBuilder fields =
        YamlNodes.mapping().put("concurrency", spec.concurrency().name());
    if (spec.template() != null) {
      fields.put("promotionTemplate", template(spec.template()));
    }
    if (!spec.flows().isEmpty()) {
      fields.put(
          "promotionFlows",
          YamlNodes.blockList(spec.flows().stream().map(ProductDocuments::trigger).toList()));
    }
    return YamlNodes.document(KIND, name, fields.block());
  }

  private static Node template(PromotionTemplate template) {
    YamlNodes.MappingBuilder fields = YamlNodes.mapping();
    PromotionTemplate.VersionSource source = template.versionSource();
    if (source != null) {
      fields.put(
          "versionSource",
          YamlNodes.mapping().put("file", source.file()).put("jsonPath", source.jsonPath()).flow());
    }
    List<Node> entries =
        template.promotion().stream()
            .<Node>map(
                e ->
                    YamlNodes.mapping()
                        .put("file", e.file())
                        .put("jsonPaths", YamlNodes.texts(e.jsonPaths()))
                        .block())
            .toList();
    fields.put("promotion", YamlNodes.blockList(entries));
    return fields.block();
  }

  private static Node trigger(FlowTriggerInput trigger) {
    YamlNodes.MappingBuilder fields = YamlNodes.mapping().put("flow", trigger.flow());
    if (!trigger.selectors().isEmpty()) {
      List<Node> selectors =
          trigger.selectors().stream()
              .<Node>map(
                  s ->
                      YamlNodes.mapping()
                          .put("key", s.key().name())
                          .put("operator", s.operator().name())
                          .put("values", YamlNodes.texts(s.values()))
                          .block())
              .toList();
      fields.put("gitTriggerSelectors", YamlNodes.blockList(selectors));
    }
    return fields.block();
  }

  @Override
  public Future<?> create(SqlConnection conn, String name, Spec spec, Lines lines) {
    return products.create(conn, name, spec.concurrency(), spec.template(), spec.flows());
  }

  @Override
  public Future<?> update(SqlConnection conn, String name, Spec current, Spec spec, Lines lines) {
    return products.update(conn, name, spec.concurrency(), true, spec.template(), spec.flows());
  }

  @Override
  public Future<?> delete(SqlConnection conn, String name) {
    return products.delete(conn, name);
  }
}
