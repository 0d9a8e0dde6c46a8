package io.baton.pullrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.git.GitFixture;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GitHub client against the GitHub stand-in: open, read, list by branch, webhooks. */
class GitHubPullRequestsTest {
  private static final String TOKEN = "ghp_stand-in-token";
  private static final String REPO = "acme/deploy";

  private Vertx vertx;
  private GitHubStandIn github;
  private GitHubPullRequests client;
  private Path bare;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    github = GitHubStandIn.start(vertx, TOKEN);
    bare = new GitFixture(Files.createTempDirectory("gh-client")).bare(REPO, Map.of("a.txt", "1"));
    ProviderStandIn.branch(bare, "main", "baton/release-1/prod", Map.of("a.txt", "2"));
    ProviderStandIn.branch(bare, "main", "other", Map.of("b.txt", "2"));
    github.serve(REPO, bare);
    client = new GitHubPullRequests(new ProviderHttp(vertx, Duration.ofSeconds(10)));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private ProviderRepository repo(String token) {
    return new ProviderRepository(github.apiUrl(), REPO, Optional.ofNullable(token));
  }

  @Test
  void opens_a_pull_request_and_refuses_a_second_for_the_same_branch() {
    PullRequest pr = await(client.create(repo(TOKEN), proposal("baton/release-1/prod")));

    assertThat(pr.number()).isEqualTo(1);
    assertThat(pr.state()).isEqualTo(PullRequestState.OPEN);
    assertThat(pr.headBranch()).isEqualTo("baton/release-1/prod");
    assertThat(pr.url()).isEqualTo("https://github.com/acme/deploy/pull/1");
    assertThat(github.pull(REPO, 1).title).isEqualTo("Promote trioapp 2.0.0 from qa to prod");
    assertThatThrownBy(() -> await(client.create(repo(TOKEN), proposal("baton/release-1/prod"))))
        .isInstanceOf(PullRequestException.class)
        .hasMessageContaining("HTTP 422");
    assertThat(github.creates()).isEqualTo(1);
  }

  @Test
  void lists_the_open_pull_requests_of_a_head_branch_only() {
    await(client.create(repo(TOKEN), proposal("baton/release-1/prod")));
    await(client.create(repo(TOKEN), proposal("other")));

    assertThat(await(client.listOpen(repo(TOKEN), "baton/release-1/prod")))
        .extracting(PullRequest::number)
        .containsExactly(1L);
    github.close(REPO, 1, "pat");
    assertThat(await(client.listOpen(repo(TOKEN), "baton/release-1/prod"))).isEmpty();
  }

  @Test
  void reads_a_merged_pull_request_with_the_merge_commit_the_base_branch_now_has() {
    await(client.create(repo(TOKEN), proposal("baton/release-1/prod")));
    String merge = github.merge(REPO, 1, "sam");

    PullRequest pr = await(client.get(repo(TOKEN), 1));

    assertThat(pr.state()).isEqualTo(PullRequestState.MERGED);
    assertThat(pr.mergeCommitSha()).isEqualTo(merge).isEqualTo(GitFixture.head(bare));
    assertThat(pr.closedBy()).isEqualTo("sam");
  }

  @Test
  void reads_who_closed_a_pull_request_without_merging_from_its_issue() {
    await(client.create(repo(TOKEN), proposal("baton/release-1/prod")));
    github.close(REPO, 1, "pat");

    PullRequest pr = await(client.get(repo(TOKEN), 1));

    assertThat(pr.state()).isEqualTo(PullRequestState.CLOSED);
    assertThat(pr.mergeCommitSha()).isNull();
    assertThat(pr.closedBy()).isEqualTo("pat");
  }

  @Test
  void a_wrong_token_is_refused_with_401() {
    assertThatThrownBy(() -> await(client.get(repo("not-the-token"), 1)))
        .isInstanceOf(PullRequestException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining("not-the-token");
  }

  @Test
  void a_closed_pull_request_webhook_is_read_and_other_actions_are_not() {
    await(client.create(repo(TOKEN), proposal("baton/release-1/prod")));
    github.merge(REPO, 1, "sam");
    JsonObject payload = github.closedEvent(REPO, 1, GitFixture.url(bare));
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(GitHubStandIn.eventHeaders());

    PullRequestHook hook = client.hook(headers, payload).orElseThrow();

    assertThat(hook.provider()).isEqualTo(ProviderKind.GITHUB);
    assertThat(hook.number()).isEqualTo(1);
    assertThat(hook.state()).isEqualTo(PullRequestState.MERGED);
    assertThat(hook.repository()).contains(REPO, GitFixture.url(bare));
    assertThat(client.hook(headers, payload.copy().put("action", "opened"))).isEmpty();
    assertThat(
            client.hook(MultiMap.caseInsensitiveMultiMap().add("X-GitHub-Event", "push"), payload))
        .isEmpty();
  }

  private static NewPullRequest proposal(String head) {
    return new NewPullRequest(head, "main", "Promote trioapp 2.0.0 from qa to prod", "body");
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
