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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code kind: Product}: the fields of CreateProductInput: concurrency, the promotion template and
 * the flows the product runs by itself (promotionFlows, with their Git trigger selectors); and the
 * standalone template it names (promotionTemplateRef), which a promotion then follows in place of
 * its own. The vendor's spelling reads too: a flow's {@code name}, keys such as {@code
 * commitMessage} and operators such as {@code NotIn}.
 */
final class ProductDocuments implements DocumentKind<ProductDocuments.Spec> {
  static final String KIND = "Product";
  private static final Set<String> FIELDS =
      Set.of("concurrency", "promotionTemplateRef", "promotionTemplate", "promotionFlows");
  private static final Set<String> TEMPLATE = Set.of("versionSource", "promotion");
  private static final Set<String> TRIGGER = Set.of("flow", "name", "gitTriggerSelectors");
  private static final Set<String> SELECTOR = Set.of("key", "operator", "values");

  private final ProductService products;

  ProductDocuments(ProductService products) {
    this.products = products;
  }

  /**
   * {@code template}: its own, null when it has none (it mirrors every file unless it names one);
   * {@code templateRef}: the standalone template it names, null when none.
   */
  record Spec(
      Concurrency concurrency,
      String templateRef,
      PromotionTemplate template,
      List<FlowTriggerInput> flows) {
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
    if (spec.has("promotionTemplateRef")) {
      lines.put("spec.promotionTemplateRef", spec.line("promotionTemplateRef"));
    }
    return new Spec(
        CatalogDocument.enumValue(spec, "concurrency", Concurrency.class, Concurrency.QUEUE),
        spec.text("promotionTemplateRef"),
        template,
        flows);
  }

  /** The template as GraphQL would give it, for PromotionTemplate to check. */
  private static Map<String, Object> template(Fields spec) {
    return TemplateYaml.input(
        Fields.of(
            spec.required("promotionTemplate"),
            spec.path("promotionTemplate"),
            TEMPLATE,
            Set.of()));
  }

  private static List<FlowTriggerInput> flows(Fields spec, Lines lines) {
    List<FlowTriggerInput> flows = new ArrayList<>();
    for (Node item : CatalogDocument.list(spec, "promotionFlows", "[{flow: my-flow}]")) {
      String path = spec.path("promotionFlows") + "[" + flows.size() + "]";
      Fields trigger = Fields.of(item, path, TRIGGER, Set.of());
      String key = trigger.has("name") && !trigger.has("flow") ? "name" : "flow";
      if (trigger.has("name") && trigger.has("flow")) {
        throw trigger.invalid("name", "give either flow or the vendor's name, not both");
      }
      String flow = trigger.requiredText(key);
      lines.put(path + ".flow", trigger.line(key));
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
    if (spec.templateRef() != null && !known.has(TemplateDocuments.KIND, spec.templateRef())) {
      throw lines.invalid(
          "spec.promotionTemplateRef",
          "there is no promotion template \"" + spec.templateRef() + "\"");
    }
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
      all.put(
          product.name(),
          new Spec(
              product.concurrency(), product.promotionTemplateRef(), product.ownTemplate(), flows));
    }
    return all;
  }

  @Override
  public Node document(String name, Spec spec) {
    YamlNodes.MappingBuilder fields =
        YamlNodes.mapping()
            .put("concurrency", spec.concurrency().name())
            .put("promotionTemplateRef", spec.templateRef());
    if (spec.template() != null) {
      fields.put("promotionTemplate", TemplateYaml.write(spec.template(), YamlNodes.mapping()));
    }
    if (!spec.flows().isEmpty()) {
      fields.put(
          "promotionFlows",
          YamlNodes.blockList(spec.flows().stream().map(ProductDocuments::trigger).toList()));
    }
    return YamlNodes.document(KIND, name, fields.block());
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
    return products
        .create(conn, name, spec.concurrency(), spec.template(), spec.flows())
        .compose(created -> products.setTemplateRef(conn, name, spec.templateRef()));
  }

  @Override
  public Future<?> update(SqlConnection conn, String name, Spec current, Spec spec, Lines lines) {
    return products
        .update(conn, name, spec.concurrency(), true, spec.template(), spec.flows())
        .compose(updated -> products.setTemplateRef(conn, name, spec.templateRef()));
  }

  @Override
  public Future<?> delete(SqlConnection conn, String name) {
    return products.delete(conn, name);
  }
}
