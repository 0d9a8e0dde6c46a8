package io.baton.pullrequest;

import static io.baton.pullrequest.PullRequestWorld.prod;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.git.GitFixture;
import io.baton.hooks.PushReceiver;
import io.baton.testing.Poll;
import io.baton.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PULL_REQUEST step end to end, against the GitHub stand-in over a real bare repository: it opens
 * exactly one pull request, waits SUSPENDED, succeeds with the merge commit when the pull request
 * is merged (noticed by polling, or by the webhook alone), and fails naming who closed it.
 */
class PullRequestPromotionTest {
  private static final String TOKEN = "ghp_pull-request-promotion";
  private static final String SECRET = "pull-request-webhook-secret-0123456789";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final PullRequestWorld world = new PullRequestWorld();
  private Vertx vertx;
  private GitHubStandIn github;
  private TestServer server;

  @BeforeEach
  void startStandIn() throws Exception {
    vertx = Vertx.vertx();
    github = GitHubStandIn.start(vertx, TOKEN);
    github.serve(PullRequestWorld.REPO, world.bare);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void startBaton(String pollInterval) {
    server =
        TestServer.start(
            Map.of(
                "BATON_GIT_PROVIDERS",
                world.providers("github", github),
                "BATON_GIT_TOKENS",
                PullRequestWorld.tokens(github),
                "BATON_PULL_REQUEST_POLL_INTERVAL",
                pollInterval,
                "BATON_WEBHOOK_SECRET",
                SECRET,
                "BATON_PUBLIC_URL",
                "https://baton.example.com"));
    world.create(server::data, server::data);
  }

  @Test
  void a_pull_request_step_opens_one_pull_request_waits_and_records_the_merge_commit() {
    startBaton("PT0.2S");
    world.build("2.0.0");
    String id = PullRequestWorld.trigger(server::data);

    JsonObject waiting = await(id, "prod to wait for its pull request", suspended());
    JsonObject prod = prod(waiting);
    assertThat(prod.getString("message")).isEqualTo("waiting for pull request #1");
    assertThat(waiting.getString("message")).isEqualTo("waiting for pull request #1");
    assertThat(prod.getJsonObject("pullRequest"))
        .isEqualTo(
            new JsonObject()
                .put("number", 1)
                .put("url", "https://github.com/acme/deploy/pull/1")
                .put("state", "OPEN"));
    assertThat(github.creates()).isEqualTo(1);
    ProviderStandIn.Pull pull = github.pull(PullRequestWorld.REPO, 1);
    assertThat(pull.head).isEqualTo("baton/release-" + id + "/prod");
    assertThat(pull.base).isEqualTo("main");
    assertThat(pull.title).isEqualTo("Promote trioapp 2.0.0 from dev to prod");
    assertThat(pull.body)
        .contains("Baton release #" + id, "**trioapp** version **2.0.0**", "from **dev**")
        .contains("https://baton.example.com/releases/" + id);
    assertThat(world.prodValues()).as("nothing reaches main before the merge").contains("1.0.0");
    // Polled several times while open, it is opened once.
    int gets = github.gets();
    Poll.until(github::gets, g -> g >= gets + 3, PATIENCE, "a few polls of the open pull request");
    assertThat(github.creates()).isEqualTo(1);

    String merge = github.merge(PullRequestWorld.REPO, 1, "sam");

    JsonObject done = await(id, "the release to end", r -> !live(r));
    assertThat(done.getString("status")).as(done.encode()).isEqualTo("SUCCEEDED");
    JsonObject merged = prod(done);
    assertThat(merged.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(merged.getString("commitSha"))
        .isEqualTo(merge)
        .isEqualTo(GitFixture.head(world.bare));
    assertThat(merged.getString("version")).isEqualTo("2.0.0");
    assertThat(merged.getString("message"))
        .isEqualTo("pull request #1 merged as " + merge.substring(0, 12) + " by sam");
    assertThat(merged.getJsonObject("pullRequest").getString("state")).isEqualTo("MERGED");
    assertThat(world.prodValues()).contains("tag: 2.0.0");
    assertThat(github.creates()).isEqualTo(1);
  }

  @Test
  void a_closed_pull_request_fails_the_step_naming_who_closed_it() {
    startBaton("PT0.2S");
    world.build("2.0.0");
    String id = PullRequestWorld.trigger(server::data);
    await(id, "prod to wait for its pull request", suspended());

    github.close(PullRequestWorld.REPO, 1, "pat");

    JsonObject done = await(id, "the release to end", r -> !live(r));
    assertThat(done.getString("status")).isEqualTo("FAILED");
    assertThat(prod(done).getString("status")).isEqualTo("FAILED");
    assertThat(prod(done).getString("message"))
        .isEqualTo("pull request #1 was closed without merging by pat");
    assertThat(prod(done).getString("commitSha")).isNull();
    assertThat(prod(done).getJsonObject("pullRequest").getString("state")).isEqualTo("CLOSED");
    assertThat(world.prodValues()).contains("1.0.0");
  }

  @Test
  void a_retry_after_a_close_opens_a_new_pull_request_and_never_two_at_once() {
    startBaton("PT0.2S");
    world.build("2.0.0");
    String id = PullRequestWorld.trigger(server::data);
    await(id, "prod to wait for its pull request", suspended());
    github.close(PullRequestWorld.REPO, 1, "pat");
    await(id, "the release to fail", r -> "FAILED".equals(r.getString("status")));

    server.data("mutation($id: ID!) { retryRelease(id: $id) { id } }", Map.of("id", id));

    JsonObject again =
        await(
            id,
            "prod to wait for a second pull request",
            r ->
                suspended().test(r)
                    && "waiting for pull request #2".equals(prod(r).getString("message")));
    assertThat(prod(again).getJsonObject("pullRequest").getInteger("number")).isEqualTo(2);
    assertThat(github.creates()).isEqualTo(2);
    assertThat(github.pulls(PullRequestWorld.REPO).stream().filter(ProviderStandIn.Pull::isOpen))
        .hasSize(1);
  }

  @Test
  void the_merge_webhook_alone_lets_the_step_go_on_when_polling_is_an_hour_away() {
    startBaton("PT1H");
    world.build("2.0.0");
    String id = PullRequestWorld.trigger(server::data);
    await(id, "prod to wait for its pull request", suspended());
    String merge = github.merge(PullRequestWorld.REPO, 1, "sam");
    byte[] body =
        github
            .closedEvent(PullRequestWorld.REPO, 1, world.url())
            .encode()
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> answer = deliver(body, sha256(SECRET, body));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    JsonObject done = await(id, "the release to end", r -> !live(r));
    assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(prod(done).getString("commitSha")).isEqualTo(merge);
  }

  @Test
  void a_badly_signed_merge_webhook_changes_nothing() {
    startBaton("PT1H");
    world.build("2.0.0");
    String id = PullRequestWorld.trigger(server::data);
    await(id, "prod to wait for its pull request", suspended());
    github.merge(PullRequestWorld.REPO, 1, "sam");
    byte[] body =
        github
            .closedEvent(PullRequestWorld.REPO, 1, world.url())
            .encode()
            .getBytes(StandardCharsets.UTF_8);

    assertThat(deliver(body, sha256("not-the-secret-0123456789abcdef", body)).statusCode())
        .isEqualTo(401);
    assertThat(release(id).getString("status")).isEqualTo("SUSPENDED");
  }

  @Test
  void a_step_whose_repository_has_no_provider_fails_saying_what_to_configure() {
    server = TestServer.start(Map.of("BATON_GIT_PROVIDERS", "git.example.com=gitea"));
    world.create(server::data, server::data);
    world.build("2.0.0");
    String id = PullRequestWorld.trigger(server::data);

    JsonObject done = await(id, "the release to end", r -> !live(r));

    assertThat(prod(done).getString("status")).isEqualTo("FAILED");
    assertThat(prod(done).getString("message"))
        .isEqualTo(
            "no pull request provider is configured for the repository of trioapp-prod: add its"
                + " host to BATON_GIT_PROVIDERS");
    assertThat(GitFixture.log(world.bare).stream().map(RevCommit::getShortMessage))
        .doesNotContain("Promote");
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

  private JsonObject release(String id) {
    return server.data(PullRequestWorld.RELEASE, Map.of("id", id)).getJsonObject("release");
  }

  private JsonObject await(String id, String what, Predicate<JsonObject> done) {
    return Poll.until(() -> release(id), done, PATIENCE, what + " (release " + id + ")");
  }

  private HttpResponse<String> deliver(byte[] body, String signature) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(PushReceiver.PATH))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-Hub-Signature-256", "sha256=" + signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    GitHubStandIn.eventHeaders().forEach(request::header);
    return server.send(request.build());
  }

  static String sha256(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
