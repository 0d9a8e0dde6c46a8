package io.baton.config;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Configuration as code on real PostgreSQL: the catalog exported as YAML, applied in one
 * transaction (or only planned), pruned, and refused whole when one document is wrong.
 */
class ConfigAsCodeTest {
  private static final String APPLY =
      """
      mutation($y: String!, $d: Boolean, $p: Boolean) {
        applyConfig(yaml: $y, dryRun: $d, prune: $p) { applied changes { kind name action diff } }
      }""";

  private static final String CATALOG =
      """
      { environments { name kind position gates { kind } }
        products { name concurrency promotionFlows { flow { name } } }
        applications { name branch path }
        promotionFlows { name } }""";

  private static final String SMALL =
      """
      apiVersion: baton/v1
      kind: Environment
      metadata:
        name: dev
      spec:
        kind: NON_PROD
      ---
      apiVersion: baton/v1
      kind: Environment
      metadata:
        name: prod
      spec:
        kind: PROD
      ---
      apiVersion: baton/v1
      kind: Product
      metadata:
        name: shop
      spec:
        concurrency: QUEUE
        promotionTemplate:
          versionSource: {file: values.yaml, jsonPath: $.image.tag}
          promotion:
            - file: values.yaml
              jsonPaths: [$.image.tag]
      ---
      apiVersion: baton/v1
      kind: Application
      metadata:
        name: shop-dev
      spec:
        product: shop
        environment: dev
        repoUrl: file:///srv/git/shop.git
        path: dev
      ---
      apiVersion: baton/v1
      kind: Application
      metadata:
        name: shop-prod
      spec:
        product: shop
        environment: prod
        repoUrl: file:///srv/git/shop.git
        path: prod
      ---
      apiVersion: baton/v1
      kind: PromotionFlow
      metadata:
        name: to-prod
      spec:
        triggerEnvironment: dev
        steps:
          - environment: prod
      """;

  private static TestServer demo;
  private TestServer empty;

  @BeforeAll
  static void startDemo() {
    demo = TestServer.start(TestPostgres.newDatabase(), Clock.systemUTC(), true);
    demo.data(
        """
        mutation { updateEnvironment(input: {name: "prod", gates: [
          {kind: APPROVAL, approvals: 2}, {kind: SOAK, duration: "PT1M"}]}) { name } }""");
    demo.data(
        """
        mutation { updateProduct(input: {name: "demo-trioapp", concurrency: TERMINATE,
          promotionFlows: [{flow: "multi-env-sequential-promotion", gitTriggerSelectors: [
            {key: COMMIT_MESSAGE, operator: NOT_IN, values: ["*[skip ci]*"]}]}]}) { name } }""");
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  @BeforeEach
  void startEmpty() {
    empty = TestServer.start();
  }

  @AfterEach
  void stopEmpty() {
    empty.close();
  }

  private static String export(TestServer server) {
    return server.data("{ exportConfig }").getString("exportConfig");
  }

  private static JsonObject apply(TestServer server, String yaml, boolean dryRun, boolean prune) {
    return server.graphql(APPLY, Map.of("y", yaml, "d", dryRun, "p", prune));
  }

  private static JsonObject plan(TestServer server, String yaml, boolean dryRun, boolean prune) {
    JsonObject response = apply(server, yaml, dryRun, prune);
    assertThat(response.getJsonArray("errors")).as(response.encode()).isNull();
    return response.getJsonObject("data").getJsonObject("applyConfig");
  }

  private static List<String> actions(JsonObject plan) {
    return plan.getJsonArray("changes").stream()
        .map(c -> (JsonObject) c)
        .map(c -> c.getString("kind") + " " + c.getString("name") + " " + c.getString("action"))
        .toList();
  }

  @Test
  void the_demo_world_exported_and_applied_to_an_empty_baton_is_reproduced_and_exports_the_same()
      throws Exception {
    String exported = export(demo);
    assertThat(exported)
        .contains("kind: Environment", "kind: Product", "kind: Application", "kind: PromotionFlow")
        .contains("gated-promotion", "*[skip ci]*", "approvals: 2");
    assertThat(exported.indexOf("name: dev")).isLessThan(exported.indexOf("name: qa"));
    assertThat(exported.indexOf("name: qa")).isLessThan(exported.indexOf("name: prod"));
    assertThat(exported.indexOf("kind: Product")).isLessThan(exported.indexOf("kind: Application"));
    assertThat(exported.indexOf("kind: Application"))
        .isLessThan(exported.indexOf("kind: PromotionFlow"));

    JsonObject created = plan(empty, exported, false, false);
    assertThat(created.getBoolean("applied")).isTrue();
    assertThat(actions(created))
        .containsExactly(
            "Environment dev CREATE",
            "Environment qa CREATE",
            "Environment prod CREATE",
            "Product demo-trioapp CREATE",
            "Application demo-trioapp-dev CREATE",
            "Application demo-trioapp-qa CREATE",
            "Application demo-trioapp-prod CREATE",
            "PromotionFlow gated-promotion CREATE",
            "PromotionFlow multi-env-sequential-promotion CREATE");
    assertThat(export(empty)).isEqualTo(exported);
    assertThat(empty.data(CATALOG).encode()).isEqualTo(demo.data(CATALOG).encode());

    JsonObject again = plan(demo, exported, false, false);
    assertThat(actions(again)).allMatch(a -> a.endsWith(" UNCHANGED")).hasSize(9);
    assertThat(export(demo)).isEqualTo(exported);
  }

  @Test
  void a_dry_run_lists_the_plan_and_changes_nothing() {
    JsonObject plan = plan(empty, SMALL, true, false);
    assertThat(plan.getBoolean("applied")).isFalse();
    assertThat(actions(plan))
        .containsExactly(
            "Environment dev CREATE",
            "Environment prod CREATE",
            "Product shop CREATE",
            "Application shop-dev CREATE",
            "Application shop-prod CREATE",
            "PromotionFlow to-prod CREATE");
    JsonObject catalog = empty.data(CATALOG);
    assertThat(catalog.getJsonArray("environments")).isEmpty();
    assertThat(catalog.getJsonArray("products")).isEmpty();
    assertThat(catalog.getJsonArray("promotionFlows")).isEmpty();
    assertThat(auditOperations(empty)).doesNotContain("applyConfig");
  }

  @Test
  void an_apply_changes_everything_in_one_audited_entry_and_an_update_shows_the_field_diff() {
    plan(empty, SMALL, false, false);
    assertThat(auditOperations(empty)).containsOnlyOnce("applyConfig");
    String changed =
        SMALL
            .replace("concurrency: QUEUE", "concurrency: TERMINATE")
            .replace("path: prod", "path: production\n  branch: release")
            .replace(
                "  - environment: prod\n", "  - environment: prod\n  promotionTimeoutLimit: 30\n");
    JsonObject plan = plan(empty, changed, false, false);
    JsonObject product = change(plan, "Product", "shop");
    assertThat(product.getString("action")).isEqualTo("UPDATE");
    assertThat(product.getJsonArray("diff").getList())
        .containsExactly("concurrency: QUEUE → TERMINATE");
    JsonObject application = change(plan, "Application", "shop-prod");
    assertThat(application.getString("action")).isEqualTo("UPDATE");
    assertThat(application.getJsonArray("diff").getList())
        .containsExactlyInAnyOrder("branch: main → release", "path: prod → production");
    assertThat(change(plan, "Application", "shop-dev").getString("action")).isEqualTo("UNCHANGED");
    JsonObject flow = change(plan, "PromotionFlow", "to-prod");
    assertThat(flow.getString("action")).isEqualTo("UPDATE");
    assertThat(flow.getJsonArray("diff").getList())
        .containsExactly("promotionTimeoutLimit: 1440 → 30");
    JsonObject catalog = empty.data(CATALOG);
    assertThat(catalog.getJsonArray("products").getJsonObject(0).getString("concurrency"))
        .isEqualTo("TERMINATE");
    assertThat(applicationNamed(catalog, "shop-prod").getString("path")).isEqualTo("production");
  }

  @Test
  void prune_deletes_what_the_file_lacks_and_without_it_nothing_is_deleted() {
    plan(empty, SMALL, false, false);
    String withoutProd =
        documents(SMALL, 0, 2, 3)
            + """
            ---
            apiVersion: baton/v1
            kind: Environment
            metadata:
              name: qa
            spec: {}
            ---
            apiVersion: baton/v1
            kind: PromotionFlow
            metadata:
              name: to-qa
            spec:
              triggerEnvironment: dev
              steps:
                - environment: qa
            """;

    JsonObject kept = plan(empty, withoutProd, false, false);
    assertThat(actions(kept))
        .contains("Environment qa CREATE", "PromotionFlow to-qa CREATE")
        .noneMatch(a -> a.endsWith("DELETE"));
    assertThat(empty.data(CATALOG).getJsonArray("promotionFlows")).hasSize(2);

    JsonObject pruned = plan(empty, withoutProd, false, true);
    assertThat(actions(pruned))
        .contains(
            "Environment prod DELETE",
            "Application shop-prod DELETE",
            "PromotionFlow to-prod DELETE",
            "Environment qa UNCHANGED",
            "PromotionFlow to-qa UNCHANGED");
    JsonObject catalog = empty.data(CATALOG);
    assertThat(names(catalog.getJsonArray("environments"))).containsExactly("dev", "qa");
    assertThat(names(catalog.getJsonArray("applications"))).containsExactly("shop-dev");
    assertThat(names(catalog.getJsonArray("promotionFlows"))).containsExactly("to-qa");
  }

  @Test
  void prune_refuses_to_delete_an_environment_that_what_it_keeps_uses_and_changes_nothing() {
    plan(empty, SMALL, false, false);
    JsonObject response = apply(empty, documents(SMALL, 0), false, true);
    assertThat(codeOf(response)).isEqualTo("CONFLICT");
    assertThat(firstError(response).getString("message"))
        .contains("environment \"prod\"", "shop-prod", "to-prod");
    assertThat(names(empty.data(CATALOG).getJsonArray("environments")))
        .containsExactly("dev", "prod");
  }

  @Test
  void an_invalid_document_changes_nothing_and_names_its_document_line_and_field() {
    String invalid =
        SMALL.replace("  concurrency: QUEUE\n", "  concurrency: QUEUE\n  colour: blue\n");
    int line = List.of(invalid.split("\n")).indexOf("  colour: blue") + 1;
    JsonObject response = apply(empty, invalid, false, false);
    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    String message = firstError(response).getString("message");
    assertThat(message)
        .contains("document 3", "Product shop", "line " + line, "spec.colour")
        .doesNotContain("Exception");
    assertThat(empty.data(CATALOG).getJsonArray("environments")).isEmpty();

    String badReference =
        SMALL.replace("environment: prod\n  repoUrl", "environment: staging\n  repoUrl");
    int referenceLine = List.of(badReference.split("\n")).indexOf("  environment: staging") + 1;
    JsonObject refused = apply(empty, badReference, false, false);
    assertThat(codeOf(refused)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(refused).getString("message"))
        .contains(
            "document 5",
            "Application shop-prod",
            "line " + referenceLine,
            "spec.environment",
            "staging");
    assertThat(empty.data(CATALOG).getJsonArray("products")).isEmpty();

    String badUrl =
        SMALL.replace(
            "repoUrl: file:///srv/git/shop.git\n  path: dev",
            "repoUrl: ftp://git/shop\n  path: dev");
    int urlLine = List.of(badUrl.split("\n")).indexOf("  repoUrl: ftp://git/shop") + 1;
    JsonObject notGit = apply(empty, badUrl, false, false);
    assertThat(codeOf(notGit)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(notGit).getString("message"))
        .contains(
            "document 4 (Application shop-dev)",
            "spec.repoUrl (line " + urlLine + ")",
            "ftp://git/shop");

    JsonObject malformed = apply(empty, "apiVersion: baton/v1\nkind: [Environment\n", false, false);
    assertThat(codeOf(malformed)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(malformed).getString("message")).contains("line");
  }

  @Test
  void the_example_in_the_api_docs_applies_to_an_empty_baton() throws Exception {
    String api = Files.readString(Path.of("docs/api.md"));
    int section = api.indexOf("## Configuration as code");
    int start = api.indexOf("```yaml\n", section) + "```yaml\n".length();
    String example = api.substring(start, api.indexOf("```", start));
    JsonObject plan = plan(empty, example, false, false);
    assertThat(actions(plan))
        .containsExactly(
            "Environment dev CREATE",
            "Environment prod CREATE",
            "Product shop CREATE",
            "Application shop-dev CREATE",
            "Application shop-prod CREATE",
            "PromotionFlow shop-to-prod CREATE");
    assertThat(actions(plan(empty, export(empty), true, true)))
        .allMatch(a -> a.endsWith(" UNCHANGED"));
  }

  @Test
  void a_refusal_after_earlier_changes_were_made_rolls_them_all_back() {
    String twice =
        SMALL
            + """
            ---
            apiVersion: baton/v1
            kind: Application
            metadata:
              name: shop-dev-again
            spec:
              product: shop
              environment: dev
              repoUrl: file:///srv/git/shop.git
            """;
    JsonObject response = apply(empty, twice, false, false);
    assertThat(codeOf(response)).isEqualTo("CONFLICT");
    assertThat(firstError(response).getString("message"))
        .contains("document 7 (Application shop-dev-again)", "already has an application");
    JsonObject catalog = empty.data(CATALOG);
    assertThat(catalog.getJsonArray("environments")).isEmpty();
    assertThat(catalog.getJsonArray("products")).isEmpty();
    assertThat(catalog.getJsonArray("applications")).isEmpty();
    assertThat(auditOperations(empty)).doesNotContain("applyConfig");
  }

  @Test
  void only_an_administrator_may_apply_a_configuration() {
    for (String role : List.of("VIEWER", "PROMOTER")) {
      String token =
          empty
              .data(
                  "mutation($n: String!, $r: Role!) { createApiToken(input: {name: $n, role: $r}) { token } }",
                  Map.of("n", "t-" + role, "r", role))
              .getJsonObject("createApiToken")
              .getString("token");
      JsonObject response = empty.graphql(token, APPLY, Map.of("y", SMALL, "d", true, "p", false));
      assertThat(codeOf(response)).as(role).isEqualTo("FORBIDDEN");
    }
    assertThat(empty.data(CATALOG).getJsonArray("environments")).isEmpty();
  }

  /** The documents of {@code yaml} at these indexes (from 0), as one file. */
  private static String documents(String yaml, int... indexes) {
    String[] all = yaml.split("---\n");
    StringBuilder out = new StringBuilder();
    for (int index : indexes) {
      out.append(out.length() == 0 ? "" : "---\n").append(all[index]);
    }
    return out.toString();
  }

  private static List<String> names(JsonArray objects) {
    return objects.stream().map(o -> ((JsonObject) o).getString("name")).toList();
  }

  private static JsonObject change(JsonObject plan, String kind, String name) {
    return plan.getJsonArray("changes").stream()
        .map(c -> (JsonObject) c)
        .filter(c -> c.getString("kind").equals(kind) && c.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + " " + name + " is not in " + plan.encode()));
  }

  private static JsonObject applicationNamed(JsonObject catalog, String name) {
    return catalog.getJsonArray("applications").stream()
        .map(a -> (JsonObject) a)
        .filter(a -> a.getString("name").equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> auditOperations(TestServer server) {
    JsonArray nodes =
        server
            .data("{ auditLog(first: 50) { nodes { operation } } }")
            .getJsonObject("auditLog")
            .getJsonArray("nodes");
    return nodes.stream().map(n -> ((JsonObject) n).getString("operation")).toList();
  }
}
