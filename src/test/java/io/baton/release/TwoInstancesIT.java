package io.baton.release;

import static io.baton.testing.GraphqlWebSocketClient.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.git.GitFixture;
import io.baton.testing.BatonProcess;
import io.baton.testing.GraphqlClient;
import io.baton.testing.GraphqlWebSocketClient;
import io.baton.testing.Poll;
import io.baton.testing.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/**
 * Two Baton processes on one PostgreSQL. Eight releases are triggered on the first, which is then
 * killed with SIGKILL; the second takes its work over and finishes all eight, with exactly one
 * promotion commit per target.
 */
class TwoInstancesIT {
  private static final String TOKEN = "two-instances-admin-token-0123456789";
  private static final int PRODUCTS = 8;

  private static String values(String tag, int replicas) {
    return "# values for the app\nimage:\n  repository: example/app\n  tag: \""
        + tag
        + "\"\nreplicaCount: "
        + replicas
        + "\n";
  }

  @Test
  void the_survivor_finishes_every_release_of_an_instance_killed_with_sigkill() throws Exception {
    String database = TestPostgres.urlOf(TestPostgres.newDatabase());
    Path reposDir = Files.createTempDirectory("two-instances-repos");
    GitFixture repos = new GitFixture(reposDir);
    Map<String, String> env =
        Map.of(
            "BATON_DATABASE_URL",
            database,
            "BATON_ADMIN_TOKEN",
            TOKEN,
            "BATON_GIT_FILE_ROOTS",
            reposDir.toString());

    try (BatonProcess first = BatonProcess.start(withDataDir(env));
        BatonProcess second = BatonProcess.start(withDataDir(env))) {
      GraphqlClient a = new GraphqlClient(first.port(), TOKEN);
      GraphqlClient b = new GraphqlClient(second.port(), TOKEN);
      createWorld(a, repos);

      try (GraphqlWebSocketClient watcher =
          GraphqlWebSocketClient.acknowledged(second.port(), TOKEN)) {
        watcher.send(
            subscribe(
                "all",
                "subscription { releaseEvents { status environment { name } release { id } } }",
                new JsonObject()));
        Poll.until(
            () -> metric(second, "baton_subscriptions"),
            n -> n >= 1,
            Duration.ofSeconds(10),
            "the watcher's subscription to be live");

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
          ids.add(
              a.data(
                      "mutation($p: String!) { triggerPromotionFlow(input: {flow: \"dev-qa-prod\", product: $p}) "
                          + "{ id } }",
                      Map.of("p", "app-" + i))
                  .getJsonObject("triggerPromotionFlow")
                  .getString("id"));
        }
        first.kill();

        Poll.until(
            () -> endedReleases(watcher),
            ended -> ended.containsAll(ids),
            Duration.ofSeconds(60),
            "the survivor's subscriber to see all eight releases end");
        for (String id : ids) {
          JsonObject release =
              b.data(
                      "query($id: ID!) { release(id: $id) { status steps { status } } }",
                      Map.of("id", id))
                  .getJsonObject("release");
          assertThat(release.getString("status")).as("release " + id).isEqualTo("SUCCEEDED");
        }
      }
    }

    for (int i = 0; i < PRODUCTS; i++) {
      for (String target : List.of("qa", "prod")) {
        List<RevCommit> log = GitFixture.log(repos.bare("app-" + i + "-" + target));
        List<RevCommit> promotions =
            log.stream().filter(c -> c.getFullMessage().contains("Baton-Release:")).toList();
        assertThat(promotions).as("promotion commits in app-" + i + "-" + target).hasSize(1);
      }
    }
  }

  private static double metric(BatonProcess baton, String name) {
    return baton
        .get("/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static Map<String, String> withDataDir(Map<String, String> env) throws Exception {
    Map<String, String> copy = new HashMap<>(env);
    copy.put("BATON_DATA_DIR", Files.createTempDirectory("baton-instance").toString());
    return copy;
  }

  private static Set<String> endedReleases(GraphqlWebSocketClient watcher) {
    return watcher.nextPayloads("all").stream()
        .map(p -> p.getJsonObject("data").getJsonObject("releaseEvents"))
        .filter(
            e ->
                e.getJsonObject("environment") == null
                    && Set.of("SUCCEEDED", "FAILED", "TERMINATED").contains(e.getString("status")))
        .map(e -> e.getJsonObject("release").getString("id"))
        .collect(Collectors.toSet());
  }

  private static void createWorld(GraphqlClient admin, GitFixture repos) {
    for (String env : List.of("dev", "qa", "prod")) {
      admin.data(
          "mutation($n: String!) { createEnvironment(input: {name: $n}) { name } }",
          Map.of("n", env));
    }
    admin.data(
        "mutation { createPromotionFlow(input: {name: \"dev-qa-prod\", triggerEnvironment: \"dev\", "
            + "steps: [{environment: \"qa\"}, {environment: \"prod\"}]}) { name } }");
    for (int i = 0; i < PRODUCTS; i++) {
      String product = "app-" + i;
      admin.data(
          "mutation($p: String!) { createProduct(input: {name: $p, promotionTemplate: {"
              + "versionSource: {file: \"values.yaml\", jsonPath: \"$.image.tag\"}, "
              + "promotion: [{file: \"values.yaml\", jsonPaths: [\"$.image.tag\"]}]}}) { name } }",
          Map.of("p", product));
      for (String env : List.of("dev", "qa", "prod")) {
        String url =
            GitFixture.url(
                repos.bare(
                    product + "-" + env,
                    Map.of(
                        "values.yaml",
                        values(
                            env.equals("dev") ? "2.0." + i : "1.0.0",
                            env.equals("prod") ? 3 : 1))));
        admin.data(
            "mutation($n: String!, $p: String!, $e: String!, $u: String!) { createApplication(input: "
                + "{name: $n, product: $p, environment: $e, repoUrl: $u}) { name } }",
            Map.of("n", product + "-" + env, "p", product, "e", env, "u", url));
      }
    }
  }
}
