package io.baton.policy;

import static io.baton.git.GitFixture.head;
import static io.baton.git.GitFixture.pathOf;
import static io.baton.git.GitFixture.read;
import static io.baton.testing.ReleaseJson.stepOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.git.DemoRepositories;
import io.baton.release.EngineOptions;
import io.baton.testing.Poll;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "done when" for promotion policies: real releases dev -> qa -> prod through the
 * engine, into real Git repositories, where the flow leaves its steps' actions to the policies.
 */
class PromotionPolicyReleaseTest {
  private static final EngineOptions FAST =
      new EngineOptions(
          "policy-test",
          Duration.ofSeconds(10),
          Duration.ofMillis(100),
          Duration.ofMillis(100),
          64,
          2,
          Duration.ofMillis(50));
  private static final String FIELDS =
      "id status message steps { environment { name } action status message commitSha version }";

  /** Two policies in the vendor's form: everything commits, but NON_PROD targets rank first. */
  private static final String POLICIES =
      """
      ---
      apiVersion: codefresh.io/v1beta1
      kind: PromotionPolicy
      metadata:
        name: commit-everywhere
      spec:
        priority: 10
        policy:
          action: commit
      ---
      apiVersion: codefresh.io/v1beta1
      kind: PromotionPolicy
      metadata:
        name: no-git-outside-prod
      spec:
        priority: 1
        selector:
          targetEnvironment:
            types:
            - NON_PROD
        policy:
          action: none
      """;

  private TestServer server;
  private Map<String, String> urls;

  @BeforeEach
  void start() {
    server =
        TestServer.start(
            TestPostgres.newDatabase(),
            Clock.systemUTC(),
            false,
            new Baton.Parts(null, null, FAST));
    urls = DemoRepositories.create(server.dataDir());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Environments, the product with its template, and one application per environment. */
  private String catalog() {
    StringBuilder yaml = new StringBuilder();
    for (String env : List.of("dev", "qa", "prod")) {
      yaml.append(
          """
          ---
          apiVersion: baton/v1
          kind: Environment
          metadata:
            name: %s
          spec:
            kind: %s
          """
              .formatted(env, env.equals("prod") ? "PROD" : "NON_PROD"));
    }
    yaml.append(
        """
        ---
        apiVersion: baton/v1
        kind: Product
        metadata:
          name: demo-trioapp
        spec:
          promotionTemplate:
            versionSource: {file: values.yaml, jsonPath: $.image.tag}
            promotion:
              - file: values.yaml
                jsonPaths: [$.image.tag]
        """);
    for (String env : List.of("dev", "qa", "prod")) {
      yaml.append(
          """
          ---
          apiVersion: baton/v1
          kind: Application
          metadata:
            name: demo-trioapp-%s
          spec:
            product: demo-trioapp
            environment: %s
            repoUrl: %s
          """
              .formatted(env, env, urls.get(env)));
    }
    return yaml.toString();
  }

  /** The vendor's flow form; {@code qaPolicy} is the qa step's policy block, or empty. */
  private static String flow(String qaPolicy) {
    return """
        ---
        apiVersion: codefresh.io/v1beta1
        kind: PromotionFlow
        metadata:
          name: multi-env-sequential-promotion
        spec:
          triggerEnvironment: dev
          steps:
            - environment: qa
              dependsOn: [dev]
        %s
            - environment: prod
              dependsOn: [qa]
        """
        .formatted(qaPolicy);
  }

  private void apply(String yaml) {
    JsonObject plan =
        server
            .data("mutation($y: String!) { applyConfig(yaml: $y) { applied } }", Map.of("y", yaml))
            .getJsonObject("applyConfig");
    assertThat(plan.getBoolean("applied")).isTrue();
  }

  private JsonObject trigger() {
    String id =
        server
            .data(
                """
                mutation { triggerPromotionFlow(input: {
                  flow: "multi-env-sequential-promotion", product: "demo-trioapp"}) { id } }""")
            .getJsonObject("triggerPromotionFlow")
            .getString("id");
    return Poll.until(
        () ->
            server
                .data("query($id: ID!) { release(id: $id) { " + FIELDS + " } }", Map.of("id", id))
                .getJsonObject("release"),
        r -> List.of("SUCCEEDED", "FAILED", "TERMINATED").contains(r.getString("status")),
        Duration.ofSeconds(60),
        "release " + id + " to end");
  }

  private JsonObject effective(String environment) {
    return server
        .data(
            """
            query($e: String!) { effectivePromotionPolicy(product: "demo-trioapp", environment: $e) {
              action actionFrom preAction postAction } }""",
            Map.of("e", environment))
        .getJsonObject("effectivePromotionPolicy");
  }

  @Test
  void a_higher_priority_policy_of_action_none_for_non_prod_makes_qa_none_while_prod_commits() {
    apply(catalog() + flow("") + POLICIES);
    Path qa = pathOf(urls.get("qa"));
    Path prod = pathOf(urls.get("prod"));
    String qaBefore = head(qa);

    JsonObject release = trigger();

    assertThat(release.getString("status")).as(release.encodePrettily()).isEqualTo("SUCCEEDED");
    assertThat(stepOf(release, "qa").getString("action")).isEqualTo("NONE");
    assertThat(head(qa)).isEqualTo(qaBefore);
    assertThat(read(qa, "values.yaml")).contains("tag: \"1.0.0\"");
    JsonObject prodStep = stepOf(release, "prod");
    assertThat(prodStep.getString("action")).isEqualTo("COMMIT");
    assertThat(prodStep.getString("commitSha")).isEqualTo(head(prod));
    assertThat(prodStep.getString("version")).isEqualTo("1.1.0");
    assertThat(read(prod, "values.yaml")).contains("tag: \"1.1.0\"");

    assertThat(effective("qa").getMap())
        .containsEntry("action", "NONE")
        .containsEntry("actionFrom", "no-git-outside-prod");
    assertThat(effective("prod").getMap())
        .containsEntry("action", "COMMIT")
        .containsEntry("actionFrom", "commit-everywhere");
  }

  @Test
  void a_flow_steps_own_action_overrides_every_policy() {
    apply(catalog() + flow("      policy:\n        action: commit") + POLICIES);
    Path qa = pathOf(urls.get("qa"));

    JsonObject release = trigger();

    assertThat(release.getString("status")).as(release.encodePrettily()).isEqualTo("SUCCEEDED");
    JsonObject qaStep = stepOf(release, "qa");
    assertThat(qaStep.getString("action")).isEqualTo("COMMIT");
    assertThat(qaStep.getString("commitSha")).isEqualTo(head(qa));
    assertThat(read(qa, "values.yaml")).contains("tag: \"1.1.0\"");
  }

  @Test
  void a_manual_promotion_takes_its_action_from_the_policies_too() {
    apply(catalog() + POLICIES);
    Path qa = pathOf(urls.get("qa"));
    Path prod = pathOf(urls.get("prod"));
    String qaBefore = head(qa);

    JsonObject toQa = promote("dev", "qa");
    JsonObject toProd = promote("dev", "prod");

    assertThat(toQa.getString("status")).as(toQa.encodePrettily()).isEqualTo("SUCCEEDED");
    assertThat(stepOf(toQa, "qa").getString("action")).isEqualTo("NONE");
    assertThat(head(qa)).isEqualTo(qaBefore);
    assertThat(toProd.getString("status")).as(toProd.encodePrettily()).isEqualTo("SUCCEEDED");
    assertThat(stepOf(toProd, "prod").getString("action")).isEqualTo("COMMIT");
    assertThat(read(prod, "values.yaml")).contains("tag: \"1.1.0\"");
  }

  private JsonObject promote(String from, String to) {
    String id =
        server
            .data(
                "mutation($f: String!, $t: String!) { promote(input: {product: \"demo-trioapp\","
                    + " sourceEnvironment: $f, targetEnvironment: $t}) { id } }",
                Map.of("f", from, "t", to))
            .getJsonObject("promote")
            .getString("id");
    return Poll.until(
        () ->
            server
                .data("query($id: ID!) { release(id: $id) { " + FIELDS + " } }", Map.of("id", id))
                .getJsonObject("release"),
        r -> List.of("SUCCEEDED", "FAILED", "TERMINATED").contains(r.getString("status")),
        Duration.ofSeconds(60),
        "release " + id + " to end");
  }

  @Test
  void without_policies_the_effective_action_is_commit_from_no_policy() {
    apply(catalog());

    assertThat(effective("qa").getMap())
        .containsEntry("action", "COMMIT")
        .containsEntry("actionFrom", null);
  }
}
