package io.baton.config;

import io.baton.environment.EnvironmentKind;
import io.baton.flow.FlowYaml.Fields;
import io.baton.flow.StepAction;
import io.baton.policy.PolicyService;
import io.baton.policy.PromotionPolicy;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code kind: PromotionPolicy}, in the vendor's shape for both apiVersions: {@code spec.priority},
 * {@code spec.selector.product.names}, {@code spec.selector.targetEnvironment.names} and {@code
 * .types} (NON_PROD, PROD), {@code spec.policy.action} (commit, none, pr), {@code .preAction} and
 * {@code .postAction}. The pre- and post-actions name the vendor's workflow templates: kept,
 * exported again unchanged, and reported as warnings, since Baton runs no workflow templates.
 */
final class PolicyDocuments implements DocumentKind<PromotionPolicy> {
  static final String KIND = "PromotionPolicy";
  private static final Set<String> FIELDS = Set.of("priority", "selector", "policy");
  private static final Set<String> SELECTOR = Set.of("product", "targetEnvironment");
  private static final Set<String> PRODUCT = Set.of("names");
  private static final Set<String> TARGET = Set.of("names", "types");
  private static final Set<String> POLICY = Set.of("action", "preAction", "postAction");

  private final PolicyService policies;

  PolicyDocuments(PolicyService policies) {
    this.policies = policies;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public PromotionPolicy read(String name, Node document, Lines lines) {
    Fields spec = CatalogDocument.spec(document, FIELDS);
    Integer priority = CatalogDocument.integer(spec, "priority");
    if (priority == null) {
      throw spec.invalid(
          "priority", "is required: the smaller number ranks first when policies overlap");
    }
    Fields selector = part(spec, "selector", SELECTOR);
    Fields product = part(selector, "product", PRODUCT);
    Fields target = part(selector, "targetEnvironment", TARGET);
    Fields policy = part(spec, "policy", POLICY);
    List<EnvironmentKind> kinds = new ArrayList<>();
    for (Node type : CatalogDocument.list(target, "types", "[NON_PROD, PROD]")) {
      kinds.add(kind(target, type, kinds.size()));
    }
    for (String field : List.of("priority", "selector", "policy")) {
      if (spec.has(field)) {
        lines.put("spec." + field, spec.line(field));
      }
    }
    PromotionPolicy read =
        new PromotionPolicy(
            name,
            priority,
            new PromotionPolicy.Selector(
                CatalogDocument.texts(product, "names"),
                CatalogDocument.texts(target, "names"),
                kinds),
            new PromotionPolicy.Settings(
                action(policy), policy.text("preAction"), policy.text("postAction")));
    return lines.at("spec", () -> PolicyService.valid(read));
  }

  /** The mapping at {@code key}, or none when it is not given. */
  private static Fields part(Fields parent, String key, Set<String> known) {
    return parent.has(key)
        ? Fields.of(parent.required(key), parent.path(key), known, Set.of())
        : Fields.none(parent.path(key));
  }

  private static EnvironmentKind kind(Fields target, Node type, int index) {
    String path = target.path("types") + "[" + index + "]";
    String text = Fields.scalar(type, path);
    try {
      return EnvironmentKind.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw target.invalid("types", "\"" + text + "\" is not one of NON_PROD, PROD");
    }
  }

  /** The vendor's words (commit, none, pr) or Baton's (COMMIT, NONE, PULL_REQUEST). */
  private static StepAction action(Fields policy) {
    String text = policy.text("action");
    if (text == null) {
      return null;
    }
    String name = text.toUpperCase(Locale.ROOT);
    try {
      return StepAction.valueOf(name.equals("PR") ? "PULL_REQUEST" : name);
    } catch (IllegalArgumentException e) {
      List<String> known =
          List.of(StepAction.values()).stream()
              .map(a -> a.name().toLowerCase(Locale.ROOT))
              .toList();
      throw policy.invalid(
          "action", "\"" + text + "\" is not supported; use " + String.join(", ", known));
    }
  }

  @Override
  public LinkedHashMap<String, PromotionPolicy> current(Catalog catalog) {
    LinkedHashMap<String, PromotionPolicy> all = new LinkedHashMap<>();
    for (PromotionPolicy policy : catalog.policies()) {
      all.put(policy.name(), policy);
    }
    return all;
  }

  @Override
  public Node document(String name, PromotionPolicy spec) {
    PromotionPolicy.Selector selector = spec.selector();
    YamlNodes.MappingBuilder chosen = YamlNodes.mapping();
    if (!selector.products().isEmpty()) {
      chosen.put("product", YamlNodes.mapping().put("names", texts(selector.products())).block());
    }
    if (!selector.environments().isEmpty() || !selector.environmentKinds().isEmpty()) {
      chosen.put(
          "targetEnvironment",
          YamlNodes.mapping()
              .put("names", texts(selector.environments()))
              .put("types", texts(selector.environmentKinds().stream().map(Enum::name).toList()))
              .block());
    }
    PromotionPolicy.Settings settings = spec.policy();
    YamlNodes.MappingBuilder policy =
        YamlNodes.mapping()
            .put("action", settings.action() == null ? null : word(settings.action()))
            .put("preAction", settings.preAction())
            .put("postAction", settings.postAction());
    return YamlNodes.document(
        KIND,
        name,
        YamlNodes.mapping()
            .put("priority", YamlNodes.number(spec.priority()))
            .put("selector", chosen.block())
            .put("policy", policy.block())
            .block());
  }

  /** The action as the vendor writes it: commit, none, pr. */
  private static String word(StepAction action) {
    String name = action.name();
    return name.equals("PULL_REQUEST") ? "pr" : name.toLowerCase(Locale.ROOT);
  }

  private static Node texts(List<String> values) {
    return values.isEmpty() ? null : YamlNodes.texts(values);
  }

  @Override
  public List<ConfigWarning> warnings(String name, PromotionPolicy spec) {
    List<ConfigWarning> warnings = new ArrayList<>();
    if (spec.policy().preAction() != null) {
      warnings.add(
          new ConfigWarning(
              KIND,
              name,
              "spec.policy.preAction",
              "the workflow template \""
                  + spec.policy().preAction()
                  + "\" is kept but not run: Baton runs no workflow templates; add an HTTP gate"
                  + " (when: BEFORE) to the environment or the flow's step, or a webhook"));
    }
    if (spec.policy().postAction() != null) {
      warnings.add(
          new ConfigWarning(
              KIND,
              name,
              "spec.policy.postAction",
              "the workflow template \""
                  + spec.policy().postAction()
                  + "\" is kept but not run: Baton runs no workflow templates; add an HTTP gate"
                  + " (when: AFTER) to the environment or the flow's step, or a webhook"));
    }
    return warnings;
  }

  @Override
  public Future<?> create(SqlConnection conn, String name, PromotionPolicy spec, Lines lines) {
    return policies.create(conn, spec);
  }

  @Override
  public Future<?> update(
      SqlConnection conn, String name, PromotionPolicy current, PromotionPolicy spec, Lines lines) {
    return policies.update(conn, spec);
  }

  @Override
  public Future<?> delete(SqlConnection conn, String name) {
    return policies.delete(conn, name);
  }
}
