package io.baton.config;

import io.baton.flow.FlowYaml.Fields;
import io.baton.flow.KeptFields;
import io.baton.product.PromotionTemplate;
import io.baton.product.StandaloneTemplate;
import io.baton.product.TemplateService;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code kind: PromotionTemplate}: a template of its own (the vendor's standalone one), which
 * products name by {@code promotionTemplateRef}: its versionSource and promotion, and the vendor's
 * applicationSourceSelector (Kubernetes label selector) and priority.
 */
final class TemplateDocuments implements DocumentKind<TemplateDocuments.Spec> {
  static final String KIND = "PromotionTemplate";
  private static final Set<String> FIELDS =
      Set.of("applicationSourceSelector", "priority", "versionSource", "promotion");
  private static final Set<String> SELECTOR = Set.of("matchLabels", "matchExpressions");
  private static final Set<String> EXPRESSION = Set.of("key", "operator", "values");
  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private final TemplateService templates;

  TemplateDocuments(TemplateService templates) {
    this.templates = templates;
  }

  /** {@code selector}: as written, null when none. */
  record Spec(int priority, Object selector, PromotionTemplate template) {}

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Spec read(String name, Node document, Lines lines) {
    Fields spec = CatalogDocument.spec(document, FIELDS);
    Object selector = null;
    if (spec.has("applicationSourceSelector")) {
      Node node = spec.required("applicationSourceSelector");
      checkSelector(Fields.of(node, spec.path("applicationSourceSelector"), SELECTOR, Set.of()));
      selector = KeptFields.value(node);
    }
    Integer priority = CatalogDocument.integer(spec, "priority");
    Map<String, Object> input = TemplateYaml.input(spec);
    PromotionTemplate template = lines.at("spec", () -> PromotionTemplate.fromInput(input));
    return new Spec(priority == null ? 0 : priority, selector, template);
  }

  private static void checkSelector(Fields selector) {
    if (selector.has("matchLabels")) {
      Fields labels =
          Fields.of(selector.required("matchLabels"), selector.path("matchLabels"), null, Set.of());
      labels.keys().forEach(key -> labels.text(key));
    }
    List<Node> expressions =
        CatalogDocument.list(
            selector, "matchExpressions", "[{key: codefresh.io/product, operator: Exists}]");
    for (int i = 0; i < expressions.size(); i++) {
      Fields expression =
          Fields.of(
              expressions.get(i),
              selector.path("matchExpressions") + "[" + i + "]",
              EXPRESSION,
              Set.of());
      expression.requiredText("key");
      String operator = expression.requiredText("operator");
      if (!OPERATORS.contains(operator)) {
        throw expression.invalid(
            "operator", "\"" + operator + "\" is not one of In, NotIn, Exists, DoesNotExist");
      }
      CatalogDocument.texts(expression, "values");
    }
  }

  @Override
  public LinkedHashMap<String, Spec> current(Catalog catalog) {
    LinkedHashMap<String, Spec> all = new LinkedHashMap<>();
    for (StandaloneTemplate template : catalog.templates()) {
      all.put(
          template.name(), new Spec(template.priority(), template.selector(), template.template()));
    }
    return all;
  }

  @Override
  public Node document(String name, Spec spec) {
    YamlNodes.MappingBuilder fields = YamlNodes.mapping();
    if (spec.selector() != null) {
      fields.put("applicationSourceSelector", KeptFields.node(spec.selector()));
    }
    fields.put("priority", YamlNodes.number(spec.priority()));
    return YamlNodes.document(KIND, name, TemplateYaml.write(spec.template(), fields));
  }

  /**
   * The selector is kept and exported, not used: a product follows the template it names by
   * promotionTemplateRef.
   */
  @Override
  public List<ConfigWarning> warnings(String name, Spec spec) {
    if (spec.selector() == null) {
      return List.of();
    }
    return List.of(
        new ConfigWarning(
            KIND,
            name,
            "spec.applicationSourceSelector",
            "Baton does not choose templates by application labels; it keeps this selector and"
                + " its priority and exports them again. Name the template in each product's"
                + " promotionTemplateRef instead"));
  }

  @Override
  public Future<?> create(SqlConnection conn, String name, Spec spec, Lines lines) {
    return save(conn, name, spec);
  }

  @Override
  public Future<?> update(SqlConnection conn, String name, Spec current, Spec spec, Lines lines) {
    return save(conn, name, spec);
  }

  private Future<?> save(SqlConnection conn, String name, Spec spec) {
    return templates.save(
        conn, new StandaloneTemplate(name, spec.priority(), spec.selector(), spec.template()));
  }

  @Override
  public Future<?> delete(SqlConnection conn, String name) {
    return templates.delete(conn, name);
  }
}
