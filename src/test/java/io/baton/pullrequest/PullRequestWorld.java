package io.baton.pullrequest;

import io.baton.git.GitFixture;
import io.baton.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A product promoted from dev into prod by pull request: one real bare repository ({@code
 * acme/deploy}, dev and prod in folders) served by a provider's stand-in, and the catalog that
 * names it, created through GraphQL.
 */
final class PullRequestWorld {
  static final String REPO = "acme/deploy";
  static final String PRODUCT = "trioapp";
  static final String FLOW = "by-pull-request";
  static final String RELEASE =
      "query($id: ID!) { release(id: $id) { id status message steps { environment { name }"
          + " action status message commitSha version attempt pullRequest { number url state } } } }";

  final Path repos;
  final Path bare;

  PullRequestWorld() {
    try {
      repos = Files.createTempDirectory(TestServer.TEMP, "pr-world").resolve("repos");
      Map<String, String> files = new LinkedHashMap<>();
      files.put("dev/values.yaml", values("1.0.0"));
      files.put("prod/values.yaml", values("1.0.0"));
      bare = new GitFixture(repos).bare(REPO, files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String values(String tag) {
    return "image:\n  repository: ghcr.io/acme/trioapp\n  tag: " + tag + "\n";
  }

  String url() {
    return GitFixture.url(bare);
  }

  /** {@code BATON_GIT_PROVIDERS}: the repositories under {@link #repos} are the stand-in's. */
  String providers(String kind, ProviderStandIn standIn) {
    return "file://" + repos.toAbsolutePath() + "/=" + kind + ":" + standIn.apiUrl();
  }

  static String tokens(ProviderStandIn standIn) {
    return "127.0.0.1:" + standIn.port() + "=" + standIn.token;
  }

  /** Someone builds {@code tag} in dev. */
  String build(String tag) {
    return GitFixture.commit(bare, Map.of("dev/values.yaml", values(tag)), "Build " + tag).name();
  }

  String prodValues() {
    return GitFixture.read(bare, "prod/values.yaml");
  }

  void create(Function<String, JsonObject> data, DataWithVariables withVariables) {
    for (String env : List.of("dev", "prod")) {
      withVariables.data(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    data.apply(
        """
        mutation { createPromotionFlow(input: {name: "by-pull-request", triggerEnvironment: "dev",
          steps: [{environment: "prod", action: PULL_REQUEST}]}) { name } }""");
    data.apply(
        """
        mutation { createProduct(input: {name: "trioapp", promotionTemplate: {
          versionSource: {file: "values.yaml", jsonPath: "$.image.tag"},
          promotion: [{file: "values.yaml", jsonPaths: ["$.image.tag"]}]}}) { name } }""");
    for (String env : List.of("dev", "prod")) {
      withVariables.data(
          """
          mutation($n: String!, $e: String!, $u: String!) {
            createApplication(input: {name: $n, product: "trioapp", environment: $e, repoUrl: $u,
              path: $e}) { name } }""",
          Map.of("n", PRODUCT + "-" + env, "e", env, "u", url()));
    }
  }

  /** A GraphQL call with variables, as the test's client makes it. */
  @FunctionalInterface
  interface DataWithVariables {
    JsonObject data(String query, Map<String, Object> variables);
  }

  static String trigger(DataWithVariables client) {
    return client
        .data(
            "mutation($f: String!, $p: String!) { triggerPromotionFlow(input: {flow: $f,"
                + " product: $p}) { id } }",
            Map.of("f", FLOW, "p", PRODUCT))
        .getJsonObject("triggerPromotionFlow")
        .getString("id");
  }

  static JsonObject prod(JsonObject release) {
    return release.getJsonArray("steps").stream()
        .map(JsonObject.class::cast)
        .filter(s -> "prod".equals(s.getJsonObject("environment").getString("name")))
        .findFirst()
        .orElseThrow();
  }
}
