package io.baton.git;

import static io.baton.git.GitFixture.changedLines;
import static io.baton.git.GitFixture.commit;
import static io.baton.git.GitFixture.diff;
import static io.baton.git.GitFixture.head;
import static io.baton.git.GitFixture.isAncestor;
import static io.baton.git.GitFixture.log;
import static io.baton.git.GitFixture.pathOf;
import static io.baton.git.GitFixture.read;
import static io.baton.testing.ReleaseJson.stepOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.release.EngineOptions;
import io.baton.testing.Poll;
import io.baton.testing.TestPostgres;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "done when": real releases through the engine, committing into real repositories. */
class GitReleaseTest {
  private static final EngineOptions FAST =
      new EngineOptions(
          "git-test",
          Duration.ofSeconds(10),
          Duration.ofMillis(100),
          Duration.ofMillis(100),
          64,
          2,
          Duration.ofMillis(50));
  private static final String FIELDS =
      "id status message version sourceCommit "
          + "steps { environment { name } status message commitSha version }";

  @TempDir Path temp;

  private TestServer server;

  @BeforeEach
  void start() {
    server =
        TestServer.start(
            TestPostgres.newDatabase(),
            Clock.systemUTC(),
            false,
            new Baton.Parts(null, null, FAST));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void environments(String... names) {
    for (String env : names) {
      server.data(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
  }

  private void product(String template) {
    server.data(
        "mutation { createProduct(input: {name: \"demo-trioapp\"" + template + "}) { name } }");
  }

  private void application(String env, String url, String path) {
    server.data(
        """
        mutation($n: String!, $e: String!, $u: String!, $p: String!) {
          createApplication(input: {name: $n, product: "demo-trioapp", environment: $e, repoUrl: $u, path: $p}) { name }
        }""",
        Map.of("n", "demo-trioapp-" + env, "e", env, "u", url, "p", path));
  }

  private JsonObject trigger(String flow) {
    String id =
        server
            .data(
                "mutation($f: String!) { triggerPromotionFlow(input: {flow: $f, product: \"demo-trioapp\"}) { id } }",
                Map.of("f", flow))
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

  @Test
  void the_quick_start_release_promotes_devs_tag_to_qa_and_prod_in_one_line_commits() {
    Map<String, String> urls = DemoRepositories.create(server.dataDir());
    environments("dev", "qa", "prod");
    product(
        ", promotionTemplate: {versionSource: {file: \"values.yaml\", jsonPath: \"$.image.tag\"}, "
            + "promotion: [{file: \"values.yaml\", jsonPaths: [\"$.image.tag\"]}]}");
    urls.forEach((env, url) -> application(env, url, ""));
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "multi-env-sequential-promotion", timeout: "PT5M",
          triggerEnvironment: "dev", steps: [{environment: "qa"}, {environment: "prod"}]}) { name } }""");
    Path qa = pathOf(urls.get("qa"));
    String theirs =
        commit(qa, Map.of("NOTES.md", "pushed to qa before the release\n"), "Notes").name();
    String qaChart = read(qa, "Chart.yaml");

    JsonObject release = trigger("multi-env-sequential-promotion");

    assertThat(release.getString("status")).as(release.encodePrettily()).isEqualTo("SUCCEEDED");
    assertThat(release.getString("sourceCommit")).isEqualTo(head(pathOf(urls.get("dev"))));
    assertThat(release.getString("version")).isEqualTo("1.1.0");
    for (String env : List.of("qa", "prod")) {
      JsonObject step = stepOf(release, env);
      Path repo = pathOf(urls.get(env));
      assertThat(step.getString("commitSha")).isEqualTo(head(repo));
      assertThat(step.getString("version")).isEqualTo("1.1.0");
      assertThat(changedLines(diff(repo, step.getString("commitSha"))))
          .containsExactly("-  tag: \"1.0.0\"", "+  tag: \"1.1.0\"");
    }
    assertThat(read(qa, "Chart.yaml")).isEqualTo(qaChart);
    assertThat(read(qa, "values.yaml")).contains("replicaCount: 2  # qa runs 2 replicas");
    assertThat(isAncestor(qa, theirs, head(qa))).isTrue();

    int qaCommits = log(qa).size();
    JsonObject again = trigger("multi-env-sequential-promotion");

    assertThat(again.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(stepOf(again, "qa").getString("commitSha")).isEqualTo(head(qa));
    assertThat(stepOf(again, "qa").getString("message"))
        .contains("already holds demo-trioapp 1.1.0");
    assertThat(log(qa)).hasSize(qaCommits);

    Path dev = pathOf(urls.get("dev"));
    commit(
        dev,
        Map.of("values.yaml", read(dev, "values.yaml").replace("1.1.0", "1.2.0")),
        "Build 1.2.0");
    JsonObject next = trigger("multi-env-sequential-promotion");

    assertThat(next.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(stepOf(next, "prod").getString("version")).isEqualTo("1.2.0");
    assertThat(read(pathOf(urls.get("prod")), "values.yaml")).contains("tag: \"1.2.0\"");
  }

  @Test
  void parallel_steps_into_one_repository_all_land_on_one_linear_branch() {
    Path repo = new GitFixture(temp).bare("platform");
    Map<String, String> layout = new HashMap<>();
    for (String env : List.of("dev", "qa", "staging", "prod")) {
      layout.put(
          "envs/" + env + "/values.yaml",
          "image:\n  tag: " + (env.equals("dev") ? "2.0.0" : "1.0.0") + "\n");
    }
    layout.put("envs/dev/extra.yaml", "new: file\n");
    layout.put("README.md", "one repository, every environment\n");
    commit(repo, layout, "Layout");
    environments("dev", "qa", "staging", "prod");
    product("");
    for (String env : List.of("dev", "qa", "staging", "prod")) {
      application(env, GitFixture.url(repo), "envs/" + env);
    }
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "fan-out", triggerEnvironment: "dev", steps: [
          {environment: "qa", dependsOn: ["dev"]}, {environment: "staging", dependsOn: ["dev"]},
          {environment: "prod", dependsOn: ["qa", "staging"]}]}) { name } }""");

    JsonObject release = trigger("fan-out");

    assertThat(release.getString("status")).as(release.encodePrettily()).isEqualTo("SUCCEEDED");
    List<RevCommit> history = log(repo);
    assertThat(history).allSatisfy(c -> assertThat(c.getParentCount()).isLessThanOrEqualTo(1));
    for (String env : List.of("qa", "staging", "prod")) {
      assertThat(isAncestor(repo, stepOf(release, env).getString("commitSha"), head(repo)))
          .isTrue();
      assertThat(read(repo, "envs/" + env + "/values.yaml")).isEqualTo("image:\n  tag: 2.0.0\n");
      assertThat(read(repo, "envs/" + env + "/extra.yaml")).isEqualTo("new: file\n");
    }
    assertThat(history).hasSize(4);
    assertThat(read(repo, "README.md")).isEqualTo("one repository, every environment\n");
  }

  @Test
  void lists_each_applications_version_read_from_its_branch_head() {
    Map<String, String> urls = DemoRepositories.create(server.dataDir());
    environments("dev", "qa", "prod");
    product(
        ", promotionTemplate: {versionSource: {file: \"values.yaml\", jsonPath: \"$.image.tag\"}}");
    urls.forEach((env, url) -> application(env, url, ""));

    JsonArray apps = server.data("{ applications { name version } }").getJsonArray("applications");

    Map<String, String> versions = new HashMap<>();
    apps.forEach(
        a ->
            versions.put(
                ((JsonObject) a).getString("name"), ((JsonObject) a).getString("version")));
    assertThat(versions)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "demo-trioapp-dev",
                "1.1.0",
                "demo-trioapp-qa",
                "1.0.0",
                "demo-trioapp-prod",
                "1.0.0"));
  }
}
