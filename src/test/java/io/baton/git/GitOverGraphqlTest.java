package io.baton.git;

import static io.baton.git.GitFixture.await;
import static io.baton.git.GitFixture.head;
import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.product.Application;
import io.baton.release.PromotionAction.Result;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * promotionPreview and Application.version through a real Baton, on the quick start's demo
 * repositories.
 */
class GitOverGraphqlTest {
  private static final String PREVIEW =
      """
      query($s: String!, $t: String!) {
        promotionPreview(product: "demo-trioapp", sourceEnvironment: $s, targetEnvironment: $t) { version files { path diff } }
      }""";
  private static final String VERSIONS =
      "{ product(name: \"demo-trioapp\") { applications { name version } } }";

  private TestServer server;
  private Map<String, String> urls;

  @BeforeEach
  void createTheQuickStartWorld() {
    server = TestServer.start();
    urls = DemoRepositories.create(server.dataDir());
    String env =
        "mutation($n: String!, $p: Int) { createEnvironment(input: {name: $n, position: $p}) { name } }";
    server.data(env, Map.of("n", "dev", "p", 1));
    server.data(env, Map.of("n", "qa", "p", 2));
    server.data(env, Map.of("n", "prod", "p", 3));
    server.data(env, Map.of("n", "sandbox", "p", 4));
    server.data(
        """
        mutation { createProduct(input: {name: "demo-trioapp", promotionTemplate: {
          versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
          promotion: [{file: "values.yaml", jsonPaths: ["$.image.tag"]}]}}) { name } }""");
    String app =
        """
        mutation($n: String!, $e: String!, $u: String!) {
          createApplication(input: {name: $n, product: "demo-trioapp", environment: $e, repoUrl: $u}) { name }
        }""";
    urls.forEach(
        (name, url) -> server.data(app, Map.of("n", "demo-trioapp-" + name, "e", name, "u", url)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Map<String, String> versions() {
    JsonArray apps = server.data(VERSIONS).getJsonObject("product").getJsonArray("applications");
    Map<String, String> versions = new HashMap<>();
    apps.forEach(
        a ->
            versions.put(
                ((JsonObject) a).getString("name"), ((JsonObject) a).getString("version")));
    return versions;
  }

  @Test
  void previews_the_one_line_a_promotion_would_change_without_committing() {
    Path qa = GitFixture.pathOf(urls.get("qa"));
    String qaHead = head(qa);

    JsonObject preview =
        server.data(PREVIEW, Map.of("s", "dev", "t", "qa")).getJsonObject("promotionPreview");

    assertThat(preview.getString("version")).isEqualTo("1.1.0");
    JsonArray files = preview.getJsonArray("files");
    assertThat(files).hasSize(1);
    assertThat(files.getJsonObject(0).getString("path")).isEqualTo("values.yaml");
    assertThat(GitFixture.changedLines(files.getJsonObject(0).getString("diff")))
        .containsExactly("-  tag: \"1.0.0\"", "+  tag: \"1.1.0\"");
    assertThat(files.getJsonObject(0).getString("diff"))
        .startsWith("--- a/values.yaml\n+++ b/values.yaml\n@@ ");
    assertThat(head(qa)).isEqualTo(qaHead);
  }

  @Test
  void previews_nothing_when_the_target_holds_the_source_already() {
    JsonObject preview =
        server.data(PREVIEW, Map.of("s", "qa", "t", "prod")).getJsonObject("promotionPreview");

    assertThat(preview.getJsonArray("files")).isEmpty();
    assertThat(preview.getString("version")).isEqualTo("1.0.0");
  }

  @Test
  void a_preview_into_an_environment_without_the_product_is_not_found() {
    JsonObject response = server.graphql(PREVIEW, Map.of("s", "dev", "t", "sandbox"));

    assertThat(codeOf(response)).isEqualTo("NOT_FOUND");
    assertThat(firstError(response).getString("message"))
        .isEqualTo("product \"demo-trioapp\" has no application in environment \"sandbox\"");
  }

  @Test
  void a_preview_that_cannot_be_made_explains_why() {
    server.data(
        """
        mutation { updateProduct(input: {name: "demo-trioapp", promotionTemplate: {
          promotion: [{file: "values.yaml", jsonPaths: ["$.image.digest"]}]}}) { name } }""");

    JsonObject response = server.graphql(PREVIEW, Map.of("s", "dev", "t", "qa"));

    assertThat(codeOf(response)).isEqualTo("CONFLICT");
    assertThat(firstError(response).getString("message"))
        .contains("$.image.digest match nothing in dev's values.yaml");
  }

  @Test
  void application_versions_come_from_each_branch_head_and_refresh_after_a_promotion() {
    assertThat(versions())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "demo-trioapp-dev",
                "1.1.0",
                "demo-trioapp-qa",
                "1.0.0",
                "demo-trioapp-prod",
                "1.0.0"));

    Application dev = await(server.baton().services().applications().get("demo-trioapp-dev"));
    Application qa = await(server.baton().services().applications().get("demo-trioapp-qa"));
    var pinned = await(server.baton().git().sourcePinner().pin(dev, DemoRepositories.TEMPLATE));
    Result result =
        await(
            server
                .baton()
                .git()
                .promotionAction()
                .promote(
                    GitFixture.request(
                        1, 1, dev, pinned.commit(), "dev", qa, "qa", DemoRepositories.TEMPLATE)));

    assertThat(result.changed()).isTrue();
    assertThat(versions())
        .containsEntry("demo-trioapp-qa", "1.1.0")
        .containsEntry("demo-trioapp-prod", "1.0.0");
  }

  @Test
  void an_alias_bomb_in_values_yaml_fails_fast_and_names_the_file() {
    GitFixture.commit(
        GitFixture.pathOf(urls.get("dev")),
        Map.of("values.yaml", HostileFilesTest.ALIAS_BOMB),
        "an alias bomb");
    long start = System.nanoTime();

    JsonObject version = server.data("{ application(name: \"demo-trioapp-dev\") { version } }");
    JsonObject preview = server.graphql(PREVIEW, Map.of("s", "dev", "t", "qa"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(version.getJsonObject("application").getString("version")).isNull();
    assertThat(codeOf(preview)).isEqualTo("CONFLICT");
    assertThat(firstError(preview).getString("message"))
        .isEqualTo(
            "dev values.yaml has aliases that expand to more than 100000 further values (an alias"
                + " bomb?)");
  }

  @Test
  void a_json_path_nested_thousands_deep_is_bad_input() {
    String deep = "$" + "[?(@".repeat(3_000) + ")]".repeat(3_000);

    JsonObject response =
        server.graphql(
            """
            mutation($p: String!) { updateProduct(input: {name: "demo-trioapp", promotionTemplate: {
              versionSource: {file: "values.yaml", jsonPath: $p}}}) { name } }""",
            Map.of("p", deep));

    assertThat(codeOf(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(firstError(response).getString("message"))
        .isEqualTo(
            "promotionTemplate.versionSource.jsonPath: the JSONPath is longer than 500 characters");
  }
}
