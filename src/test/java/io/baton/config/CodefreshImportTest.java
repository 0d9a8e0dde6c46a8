package io.baton.config;

import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vendor's published YAML (src/test/resources/codefresh, copied from its documentation) applied
 * through applyConfig: every PromotionFlow example in both forms, the Product and the
 * PromotionTemplate; hooks and pre/post-action workflows kept, exported again and reported as
 * warnings.
 */
class CodefreshImportTest {
  private static final String APPLY =
      """
      mutation($y: String!, $d: Boolean) {
        applyConfig(yaml: $y, dryRun: $d) {
          applied changes { kind name action diff } warnings { kind name path message } }
      }""";

  static final List<String> FLOWS =
      List.of(
          "1-promotion-flow-crd.yaml",
          "2-quick-start-sequential.yaml",
          "3-quick-start-dependencies.yaml",
          "4-entities-yaml-promotion-flow-crd.yaml",
          "5-promotion-flow-crd.yaml",
          "6-promotion-flow-crd-for-gitops.yaml",
          "7-promotion-flow-crd-options.yaml");

  /** The environments the vendor's examples name, which Baton defines itself. */
  static final String ENVIRONMENTS =
      """
      apiVersion: baton/v1
      kind: Environment
      metadata: {name: dev}
      spec: {kind: NON_PROD}
      ---
      apiVersion: baton/v1
      kind: Environment
      metadata: {name: qa}
      spec: {kind: NON_PROD}
      ---
      apiVersion: baton/v1
      kind: Environment
      metadata: {name: staging}
      spec: {kind: NON_PROD}
      ---
      apiVersion: baton/v1
      kind: Environment
      metadata: {name: prod}
      spec: {kind: PROD}
      ---
      apiVersion: baton/v1
      kind: Environment
      metadata: {name: production}
      spec: {kind: PROD}
      """;

  private TestServer baton;

  @BeforeEach
  void start() {
    baton = TestServer.start();
    plan(ENVIRONMENTS, false);
  }

  @AfterEach
  void stop() {
    baton.close();
  }

  static String fixture(String name) {
    try (InputStream in = CodefreshImportTest.class.getResourceAsStream("/codefresh/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonObject plan(String yaml, boolean dryRun) {
    JsonObject response = baton.graphql(APPLY, Map.of("y", yaml, "d", dryRun));
    assertThat(response.getJsonArray("errors")).as(response.encode()).isNull();
    return response.getJsonObject("data").getJsonObject("applyConfig");
  }

  private static List<String> paths(JsonObject plan) {
    List<String> paths = new ArrayList<>();
    plan.getJsonArray("warnings").forEach(w -> paths.add(((JsonObject) w).getString("path")));
    return paths;
  }

  private static List<String> actions(JsonObject plan) {
    List<String> actions = new ArrayList<>();
    plan.getJsonArray("changes").forEach(c -> actions.add(((JsonObject) c).getString("action")));
    return actions;
  }

  private JsonObject flow(String name) {
    return baton
        .data(
            "query($n: String!) { promotionFlow(name: $n) { name triggerEnvironment { name }"
                + " steps { environment { name } dependsOn { name } action } timeout } }",
            Map.of("n", name))
        .getJsonObject("promotionFlow");
  }

  private static List<String> steps(JsonObject flow) {
    List<String> steps = new ArrayList<>();
    for (Object item : flow.getJsonArray("steps")) {
      JsonObject step = (JsonObject) item;
      List<String> dependsOn = new ArrayList<>();
      step.getJsonArray("dependsOn")
          .forEach(d -> dependsOn.add(((JsonObject) d).getString("name")));
      steps.add(
          step.getJsonObject("environment").getString("name")
              + " <- "
              + String.join(",", dependsOn)
              + " "
              + step.getString("action"));
    }
    return steps;
  }

  @Test
  void each_of_the_seven_vendor_flow_examples_imports_with_its_environments_and_dependencies() {
    for (String file : FLOWS) {
      JsonObject plan = plan(fixture("flows/" + file), false);
      String name = plan.getJsonArray("changes").getJsonObject(0).getString("name");
      JsonObject flow = flow(name);
      assertThat(flow.getJsonObject("triggerEnvironment").getString("name"))
          .as(file)
          .isEqualTo("dev");
      List<String> expected =
          switch (file) {
            case "1-promotion-flow-crd.yaml" ->
                List.of("staging <- dev COMMIT", "production <- staging COMMIT");
            case "2-quick-start-sequential.yaml" ->
                List.of("qa <- dev COMMIT", "prod <- qa COMMIT");
            case "3-quick-start-dependencies.yaml" ->
                List.of("qa <- dev COMMIT", "prod <- qa,staging COMMIT", "staging <- dev COMMIT");
            // The older form sets an action on staging only: the others are left to the
            // promotion policies (null), as the vendor does.
            default ->
                List.of("qa <- dev null", "staging <- qa COMMIT", "production <- staging null");
          };
      assertThat(steps(flow)).as(file).isEqualTo(expected);
    }
  }

  @Test
  void hooks_and_pre_and_post_actions_come_back_as_warnings_at_their_paths() {
    JsonObject current = plan(fixture("flows/1-promotion-flow-crd.yaml"), true);
    assertThat(paths(current))
        .containsExactly(
            "spec.hooks.onStart",
            "spec.hooks.onSuccess",
            "spec.hooks.onFail",
            "spec.steps[0].hooks.onStart",
            "spec.steps[0].hooks.onSuccess",
            "spec.steps[0].hooks.onFail");
    JsonObject hook = current.getJsonArray("warnings").getJsonObject(3);
    assertThat(hook.getString("kind")).isEqualTo("PromotionFlow");
    assertThat(hook.getString("name")).isEqualTo("global-parallel-flow");
    assertThat(hook.getString("message"))
        .contains("\"slack-start-hook\"")
        .containsIgnoringCase("add a webhook")
        .contains("HTTP gate");

    JsonObject older = plan(fixture("flows/4-entities-yaml-promotion-flow-crd.yaml"), true);
    assertThat(paths(older))
        .containsExactly(
            "spec.properties.steps[1].policy.preAction",
            "spec.properties.steps[1].policy.postAction");
    assertThat(older.getJsonArray("warnings").getJsonObject(0).getString("message"))
        .contains("\"pre-action\"")
        .contains("HTTP gate with when: BEFORE");

    JsonObject plain = plan(fixture("flows/2-quick-start-sequential.yaml"), true);
    assertThat(plain.getJsonArray("warnings")).isEmpty();
  }

  @Test
  void an_export_keeps_hooks_and_workflows_and_applying_it_again_changes_nothing() {
    plan(
        fixture("flows/1-promotion-flow-crd.yaml")
            + "---\n"
            + fixture("flows/3-quick-start-dependencies.yaml"),
        false);
    String export = baton.data("{ exportConfig }").getString("exportConfig");
    assertThat(export)
        .contains(
            String.join(
                "\n",
                "      policy:",
                "        action: commit",
                "      hooks:",
                "        onStart: slack-start-hook",
                "        onSuccess: simple-fail",
                "        onFail: jira-open-bug"))
        .contains(
            String.join(
                "\n",
                "  hooks:",
                "    onStart: slack-start-hook",
                "    onSuccess: success-hook-test",
                "    onFail: slack-fail-hook"))
        .contains(
            String.join(
                "\n",
                "      policy:",
                "        action: commit",
                "        preAction: pre-action",
                "        postAction: post-action"));

    JsonObject again = plan(export, false);
    assertThat(actions(again)).containsOnly("UNCHANGED");
    assertThat(paths(again)).hasSize(6 + 4);
    assertThat(baton.data("{ exportConfig }").getString("exportConfig")).isEqualTo(export);
  }

  @Test
  void the_vendor_product_and_promotion_template_import_and_export_again_unchanged() {
    String flows =
        fixture("flows/2-quick-start-sequential.yaml")
                .replace("multi-env-sequential-promotion", "to-prod")
            + "---\n"
            + fixture("flows/2-quick-start-sequential.yaml")
                .replace("multi-env-sequential-promotion", "demo");
    String templates =
        fixture("promotion-template.yaml")
            + "---\n"
            + fixture("promotion-template.yaml").replace("base-helm", "gs-promotion-template");
    JsonObject imported =
        plan(flows + "---\n" + templates + "---\n" + fixture("product.yaml"), false);
    assertThat(imported.getJsonArray("warnings"))
        .extracting(
            w -> ((JsonObject) w).getString("name") + " " + ((JsonObject) w).getString("path"))
        .containsExactly(
            "base-helm spec.applicationSourceSelector",
            "gs-promotion-template spec.applicationSourceSelector");

    JsonObject product =
        baton
            .data(
                """
                { product(name: "helm-guestbook") {
                    promotionTemplate { versionSource { file jsonPath } promotion { file jsonPaths } }
                    promotionFlows { flow { name } gitTriggerSelectors { key operator values } } } }""")
            .getJsonObject("product");
    JsonArray triggers = product.getJsonArray("promotionFlows");
    assertThat(triggers.getJsonObject(0).getJsonObject("flow").getString("name"))
        .isEqualTo("to-prod");
    assertThat(triggers.getJsonObject(0).getJsonArray("gitTriggerSelectors").getJsonObject(0))
        .isEqualTo(
            new JsonObject()
                .put("key", "COMMIT_MESSAGE")
                .put("operator", "IN")
                .put("values", new JsonArray().add("*deploy*")));
    assertThat(triggers.getJsonObject(1).getJsonArray("gitTriggerSelectors").getJsonObject(0))
        .isEqualTo(
            new JsonObject()
                .put("key", "GIT_REVISION")
                .put("operator", "IN")
                .put("values", new JsonArray().add("hotfix")));
    // the named template wins over the product's own, as the vendor documents
    JsonObject template = product.getJsonObject("promotionTemplate");
    assertThat(template.getJsonObject("versionSource").getString("file")).isEqualTo("Chart.yaml");
    assertThat(template.getJsonArray("promotion").getJsonObject(0).getString("file"))
        .isEqualTo("Chart.yaml");

    String export = baton.data("{ exportConfig }").getString("exportConfig");
    assertThat(export)
        .contains("kind: PromotionTemplate")
        .contains("codefresh.io/product: loans")
        .contains("promotionTemplateRef: gs-promotion-template")
        .contains("jsonPath: $.appVersionInline");
    JsonObject again = plan(export, false);
    assertThat(actions(again)).containsOnly("UNCHANGED");
  }

  @Test
  void an_unknown_field_in_a_vendor_document_is_an_error_naming_its_line() {
    String typo = fixture("flows/5-promotion-flow-crd.yaml").replace("preAction:", "preActoin:");
    JsonObject response = baton.graphql(APPLY, Map.of("y", typo, "d", false));
    assertThat(firstError(response).getString("message"))
        .contains("spec.properties.steps[1].policy.preActoin (line 16)")
        .contains("is not a field Baton knows");

    String product = fixture("product.yaml").replace("gitTriggerSelectors:", "gitTrigerSelectors:");
    JsonObject refused = baton.graphql(APPLY, Map.of("y", product, "d", false));
    assertThat(firstError(refused).getString("message"))
        .contains("spec.promotionFlows[0].gitTrigerSelectors (line 28)");
  }

  @Test
  void saving_a_flow_s_yaml_returns_what_it_keeps_as_warnings_and_keeps_it() {
    JsonObject flow =
        baton
            .data(
                "mutation($y: String!) { applyPromotionFlowYaml(yaml: $y) { yaml"
                    + " warnings { kind name path message } } }",
                Map.of("y", fixture("flows/5-promotion-flow-crd.yaml")))
            .getJsonObject("applyPromotionFlowYaml");

    JsonArray warnings = flow.getJsonArray("warnings");
    assertThat(warnings).hasSize(2);
    assertThat(warnings.getJsonObject(0).getString("path"))
        .isEqualTo("spec.steps[1].policy.preAction");
    assertThat(warnings.getJsonObject(1).getString("message"))
        .contains("\"post-action\"")
        .contains("when: AFTER");
    assertThat(flow.getString("yaml")).contains("preAction: pre-action");
  }
}
