package io.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The quick start's catalog (dev, qa, prod; demo-trioapp and its three applications) and its flow,
 * created through GraphQL, and the catalog checked after whatever a test did to the server in
 * between. {@code graphql} runs a query as the administrator and returns its data.
 */
public final class QuickStartCatalog {
  public static final List<String> ENVIRONMENTS = List.of("dev", "qa", "prod");

  private QuickStartCatalog() {}

  public static void create(BiFunction<String, Map<String, Object>, JsonObject> graphql) {
    for (int i = 0; i < ENVIRONMENTS.size(); i++) {
      graphql.apply(
          "mutation($n: String!, $k: EnvironmentKind, $p: Int) {"
              + " createEnvironment(input: {name: $n, kind: $k, position: $p}) { name } }",
          Map.of("n", ENVIRONMENTS.get(i), "k", i == 2 ? "PROD" : "NON_PROD", "p", i + 1));
    }
    graphql.apply(
        """
        mutation { createProduct(input: {name: "demo-trioapp", promotionTemplate: {
          versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
          promotion: [{file: "values.yaml", jsonPaths: ["$.image.tag"]}]}}) { name } }""",
        Map.of());
    for (String env : ENVIRONMENTS) {
      graphql.apply(
          """
          mutation($n: String!, $e: String!) {
            createApplication(input: {name: $n, product: "demo-trioapp", environment: $e,
                                      repoUrl: "file:///srv/git/demo.git", path: $e}) { name } }""",
          Map.of("n", "demo-trioapp-" + env, "e", env));
    }
  }

  /** The flow dev -> qa -> prod, with the given timeout (an ISO-8601 duration). */
  public static void createFlow(
      BiFunction<String, Map<String, Object>, JsonObject> graphql, String timeout) {
    graphql.apply(
        """
        mutation($t: Duration) { createPromotionFlow(input: {name: "multi-env-sequential-promotion",
          description: "dev, qa, prod", version: "1.0", timeout: $t, triggerEnvironment: "dev",
          steps: [{environment: "qa"}, {environment: "prod"}]}) { name } }""",
        Map.of("t", timeout));
  }

  /** Asserts that every environment, the product and all its applications are there, as created. */
  public static void assertIntact(BiFunction<String, Map<String, Object>, JsonObject> graphql) {
    JsonObject data =
        graphql.apply(
            """
        { environments { name kind position }
          product(name: "demo-trioapp") {
            name promotionTemplate { versionSource { jsonPath } }
            applications { name path environment { name } } } }""",
            Map.of());
    JsonArray environments = data.getJsonArray("environments");
    assertThat(environments.stream().map(e -> ((JsonObject) e).getString("name")))
        .containsExactlyElementsOf(ENVIRONMENTS);
    assertThat(environments.getJsonObject(2).getString("kind")).isEqualTo("PROD");
    JsonObject product = data.getJsonObject("product");
    assertThat(product).as("product demo-trioapp").isNotNull();
    assertThat(
            product
                .getJsonObject("promotionTemplate")
                .getJsonObject("versionSource")
                .getString("jsonPath"))
        .isEqualTo("$.image.tag");
    assertThat(
            product.getJsonArray("applications").stream()
                .map(a -> ((JsonObject) a).getString("name")))
        .containsExactlyInAnyOrder("demo-trioapp-dev", "demo-trioapp-qa", "demo-trioapp-prod");
    for (Object each : product.getJsonArray("applications")) {
      JsonObject application = (JsonObject) each;
      assertThat(application.getString("path"))
          .isEqualTo(application.getJsonObject("environment").getString("name"));
    }
  }
}
