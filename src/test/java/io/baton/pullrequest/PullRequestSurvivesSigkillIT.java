package io.baton.pullrequest;

import static io.baton.pullrequest.PullRequestWorld.prod;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.git.GitFixture;
import io.baton.testing.BatonProcess;
import io.baton.testing.GraphqlClient;
import io.baton.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pull request promotion is durable: the packaged jar, promoting into prod by pull request against
 * the GitHub stand-in over a real bare repository, is killed with SIGKILL and started again on the
 * same data directory. The step still waits SUSPENDED for the same pull request, nothing is opened
 * twice (not even when the kill falls between GitHub opening the pull request and Baton hearing
 * so), and a merge or a close made while Baton was down is what the step ends with.
 */
class PullRequestSurvivesSigkillIT {
  private static final String ADMIN_TOKEN = "pull-request-sigkill-admin-token";
  private static final String TOKEN = "ghp_sigkill-stand-in";

  /** Long enough for a step taken over once its lease (15 s) ran out. */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final PullRequestWorld world = new PullRequestWorld();
  private Path dataDir;
  private Map<String, String> env;
  private BatonProcess baton;
  private Vertx vertx;
  private GitHubStandIn github;

  @BeforeEach
  void start() throws Exception {
    dataDir = Files.createTempDirectory("baton-pr-kill9");
    vertx = Vertx.vertx();
    github = GitHubStandIn.start(vertx, TOKEN);
    github.serve(PullRequestWorld.REPO, world.bare);
    env = new HashMap<>();
    env.put("BATON_DATA_DIR", dataDir.toString());
    env.put("BATON_ADMIN_TOKEN", ADMIN_TOKEN);
    env.put("BATON_GIT_FILE_ROOTS", world.repos.toString());
    env.put("BATON_GIT_PROVIDERS", world.providers("github", github));
    env.put("BATON_GIT_TOKENS", PullRequestWorld.tokens(github));
    env.put("BATON_PULL_REQUEST_POLL_INTERVAL", "PT0.5S");
  }

  @AfterEach
  void stop() throws Exception {
    if (baton != null) {
      baton.kill();
    }
    BatonProcess.stopPostgres(dataDir);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    deleteRecursively(dataDir);
  }

  @Test
  void
      a_step_waiting_for_its_pull_request_waits_for_the_same_one_after_a_sigkill_and_takes_its_merge_commit() {
    GraphqlClient admin = startBaton();
    world.create(admin::data, admin::data);
    world.build("2.0.0");
    String id = PullRequestWorld.trigger(admin::data);
    JsonObject waiting = await(admin, id, "prod to wait for its pull request", suspended());
    int attempt = prod(waiting).getInteger("attempt");

    baton.kill();
    admin = startBaton();
    int gets = github.gets();
    Poll.until(github::gets, g -> g >= gets + 2, PATIENCE, "the restarted Baton to ask GitHub");

    JsonObject resumed = release(admin, id);
    assertThat(resumed.getString("status")).as(resumed.encode()).isEqualTo("SUSPENDED");
    assertThat(prod(resumed).getString("message")).isEqualTo("waiting for pull request #1");
    assertThat(prod(resumed).getInteger("attempt")).isEqualTo(attempt);
    assertThat(github.creates()).isEqualTo(1);

    String merge = github.merge(PullRequestWorld.REPO, 1, "sam");

    JsonObject done = await(admin, id, "the release to end", r -> !live(r));
    assertThat(done.getString("status")).as(done.encode()).isEqualTo("SUCCEEDED");
    assertThat(prod(done).getString("commitSha"))
        .isEqualTo(merge)
        .isEqualTo(GitFixture.head(world.bare));
    assertThat(world.prodValues()).contains("tag: 2.0.0");
    assertThat(github.creates()).isEqualTo(1);
  }

  @Test
  void a_pull_request_closed_while_baton_was_down_fails_the_step_once_it_is_back() {
    GraphqlClient admin = startBaton();
    world.create(admin::data, admin::data);
    world.build("2.0.0");
    String id = PullRequestWorld.trigger(admin::data);
    await(admin, id, "prod to wait for its pull request", suspended());

    baton.kill();
    github.close(PullRequestWorld.REPO, 1, "pat");
    admin = startBaton();

    JsonObject done = await(admin, id, "the release to end", r -> !live(r));
    assertThat(done.getString("status")).isEqualTo("FAILED");
    assertThat(prod(done).getString("message"))
        .isEqualTo("pull request #1 was closed without merging by pat");
    assertThat(github.creates()).isEqualTo(1);
  }

  @Test
  void
      a_sigkill_between_github_opening_the_pull_request_and_baton_hearing_so_opens_no_second_one() {
    GraphqlClient admin = startBaton();
    world.create(admin::data, admin::data);
    world.build("2.0.0");
    github.stopAnsweringCreates();
    String id = PullRequestWorld.trigger(admin::data);
    Poll.until(github::creates, c -> c == 1, PATIENCE, "GitHub to open the pull request");

    baton.kill();
    admin = startBaton();

    JsonObject waiting =
        await(admin, id, "prod to wait for the pull request it opened", suspended());
    assertThat(prod(waiting).getString("message")).isEqualTo("waiting for pull request #1");
    assertThat(prod(waiting).getJsonObject("pullRequest").getInteger("number")).isEqualTo(1);
    assertThat(github.creates()).as("pull requests opened").isEqualTo(1);

    String merge = github.merge(PullRequestWorld.REPO, 1, "sam");
    JsonObject done = await(admin, id, "the release to end", r -> !live(r));
    assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(prod(done).getString("commitSha")).isEqualTo(merge);
  }

  private GraphqlClient startBaton() {
    baton = BatonProcess.start(env);
    return new GraphqlClient(baton.port(), ADMIN_TOKEN);
  }

  private static Predicate<JsonObject> suspended() {
    return r ->
        "SUSPENDED".equals(r.getString("status"))
            && "SUSPENDED".equals(prod(r).getString("status"));
  }

  private static boolean live(JsonObject release) {
    return switch (release.getString("status")) {
      case "QUEUED", "RUNNING", "SUSPENDED" -> true;
      default -> false;
    };
  }

  private static JsonObject release(GraphqlClient client, String id) {
    return client.data(PullRequestWorld.RELEASE, Map.of("id", id)).getJsonObject("release");
  }

  private static JsonObject await(
      GraphqlClient client, String id, String what, Predicate<JsonObject> done) {
    return Poll.until(() -> release(client, id), done, PATIENCE, what + " (release " + id + ")");
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
