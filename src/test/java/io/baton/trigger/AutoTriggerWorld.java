package io.baton.trigger;

import io.baton.git.GitFixture;
import io.baton.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A GitOps repository made by the test (file://) holding demo-trioapp's dev, qa and prod folders
 * and another product's dev folder, the quick start's environments and flow, a hotfix flow, and
 * demo-trioapp running them by itself: hotfix-promotion for commits whose message matches hotfix*,
 * then multi-env-sequential-promotion for every other.
 */
public final class AutoTriggerWorld {
  public static final String PRODUCT = "demo-trioapp";
  public static final String FLOW = "multi-env-sequential-promotion";
  public static final String HOTFIX_FLOW = "hotfix-promotion";

  public final Path repository;

  public AutoTriggerWorld() {
    try {
      Path dir = Files.createTempDirectory(TestServer.TEMP, "auto-trigger");
      Map<String, String> files = new LinkedHashMap<>();
      for (String env : List.of("dev", "qa", "prod")) {
        files.put(env + "/values.yaml", values("1.0.0"));
        files.put(env + "/Chart.yaml", "name: trioapp\n");
      }
      files.put("other-dev/values.yaml", values("0.1.0"));
      repository = new GitFixture(dir).bare("deploy", files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String values(String tag) {
    return "# trioapp\nimage:\n  repository: ghcr.io/acme/trioapp\n  tag: " + tag + "\n";
  }

  public String url() {
    return GitFixture.url(repository);
  }

  /** Someone bumps image.tag of {@code folder} with {@code message}; returns the commit. */
  public String bump(String folder, String tag, String message) {
    return GitFixture.commit(repository, Map.of(folder + "/values.yaml", values(tag)), message)
        .name();
  }

  /** The catalog, created on {@code server}. */
  public void create(TestServer server) {
    for (String env : List.of("dev", "qa", "prod")) {
      server.data(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "multi-env-sequential-promotion",
          triggerEnvironment: "dev", steps: [{environment: "qa"}, {environment: "prod"}]}) { name } }""");
    server.data(
        """
        mutation { createPromotionFlow(input: {name: "hotfix-promotion",
          triggerEnvironment: "dev", steps: [{environment: "prod"}]}) { name } }""");
    server.data(
        """
        mutation { createProduct(input: {name: "demo-trioapp", promotionTemplate: {
          versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
          promotion: [{file: "values.yaml", jsonPaths: ["$.image.tag"]}]},
          promotionFlows: [
            {flow: "hotfix-promotion", gitTriggerSelectors: [{key: COMMIT_MESSAGE, operator: IN, values: ["hotfix*"]}]},
            {flow: "multi-env-sequential-promotion"}]}) { name } }""");
    server.data("mutation { createProduct(input: {name: \"other\"}) { name } }");
    for (String env : List.of("dev", "qa", "prod")) {
      application(server, PRODUCT + "-" + env, PRODUCT, env, env);
    }
    application(server, "other-dev", "other", "dev", "other-dev");
  }

  private void application(
      TestServer server, String name, String product, String env, String path) {
    server.data(
        """
        mutation($n: String!, $p: String!, $e: String!, $u: String!, $path: String!) {
          createApplication(input: {name: $n, product: $p, environment: $e, repoUrl: $u, path: $path}) { name } }""",
        Map.of("n", name, "p", product, "e", env, "u", url(), "path", path));
  }

  /** demo-trioapp's releases, newest first. */
  public static JsonArray releases(TestServer server) {
    return server
        .data(
            """
            { releases(product: "demo-trioapp", first: 50) { nodes {
                id promotionFlowName triggeredBy sourceCommit version status
                steps { environment { name } status message commitSha } } } }""")
        .getJsonObject("releases")
        .getJsonArray("nodes");
  }

  public static JsonObject only(JsonArray releases) {
    if (releases.size() != 1) {
      throw new AssertionError("expected one release, got " + releases.encodePrettily());
    }
    return releases.getJsonObject(0);
  }

  /** Runs a pass of the server's watcher over every remote, and waits for it. */
  public static void pass(TestServer server) {
    await(server.baton().watcher().lookAtAll());
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
