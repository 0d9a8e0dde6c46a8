package io.baton.pullrequest;

import static io.baton.pullrequest.GitHubPullRequestsTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.git.GitFixture;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GitLab, Gitea/Forgejo and Bitbucket Cloud clients, each against its stand-in over a real bare
 * repository: open (and not twice), list the open ones of a branch, read merged and closed, refuse
 * a wrong token, and read the merge and close webhooks.
 */
class OtherProvidersTest {
  private static final String TOKEN = "provider-stand-in-token";
  private static final String REPO = "acme/deploy";
  private static final String BRANCH = "baton/release-7/prod";

  /** One provider: its stand-in, its client, and its webhook as the stand-in would send it. */
  enum Provider {
    GITLAB {
      @Override
      ProviderStandIn start(Vertx vertx) throws Exception {
        return GitLabStandIn.start(vertx, TOKEN);
      }

      @Override
      PullRequestProvider client(ProviderHttp http) {
        return new GitLabMergeRequests(http);
      }

      @Override
      JsonObject closedEvent(ProviderStandIn standIn, long number) {
        return ((GitLabStandIn) standIn).closedEvent(REPO, number);
      }

      @Override
      Map<String, String> headers(boolean merged) {
        return GitLabStandIn.eventHeaders();
      }
    },
    GITEA {
      @Override
      ProviderStandIn start(Vertx vertx) throws Exception {
        return GiteaStandIn.start(vertx, TOKEN);
      }

      @Override
      PullRequestProvider client(ProviderHttp http) {
        return new GiteaPullRequests(http);
      }

      @Override
      JsonObject closedEvent(ProviderStandIn standIn, long number) {
        return ((GiteaStandIn) standIn).closedEvent(REPO, number);
      }

      @Override
      Map<String, String> headers(boolean merged) {
        return GiteaStandIn.eventHeaders();
      }
    },
    BITBUCKET {
      @Override
      ProviderStandIn start(Vertx vertx) throws Exception {
        return BitbucketStandIn.start(vertx, TOKEN);
      }

      @Override
      PullRequestProvider client(ProviderHttp http) {
        return new BitbucketPullRequests(http);
      }

      @Override
      JsonObject closedEvent(ProviderStandIn standIn, long number) {
        return ((BitbucketStandIn) standIn).closedEvent(REPO, number);
      }

      @Override
      Map<String, String> headers(boolean merged) {
        return BitbucketStandIn.eventHeaders(merged);
      }
    };

    abstract ProviderStandIn start(Vertx vertx) throws Exception;

    abstract PullRequestProvider client(ProviderHttp http);

    abstract JsonObject closedEvent(ProviderStandIn standIn, long number);

    abstract Map<String, String> headers(boolean merged);
  }

  private Vertx vertx;
  private ProviderHttp http;
  private Path bare;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    http = new ProviderHttp(vertx, Duration.ofSeconds(10));
    bare = new GitFixture(Files.createTempDirectory("providers")).bare(REPO, Map.of("a.txt", "1"));
    ProviderStandIn.branch(bare, "main", BRANCH, Map.of("a.txt", "2"));
    ProviderStandIn.branch(bare, "main", "other", Map.of("b.txt", "2"));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static ProviderRepository repo(ProviderStandIn standIn, String token) {
    return new ProviderRepository(standIn.apiUrl(), REPO, Optional.of(token));
  }

  private ProviderStandIn serving(Provider provider) throws Exception {
    ProviderStandIn standIn = provider.start(vertx);
    standIn.serve(REPO, bare);
    return standIn;
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void opens_one_pull_request_and_lists_it_by_its_branch_only(Provider provider) throws Exception {
    ProviderStandIn standIn = serving(provider);
    PullRequestProvider client = provider.client(http);

    PullRequest pr = await(client.create(repo(standIn, TOKEN), proposal(BRANCH)));
    await(client.create(repo(standIn, TOKEN), proposal("other")));

    assertThat(pr.number()).isEqualTo(1);
    assertThat(pr.state()).isEqualTo(PullRequestState.OPEN);
    assertThat(pr.headBranch()).isEqualTo(BRANCH);
    assertThat(pr.url()).contains(REPO).endsWith("1");
    assertThat(await(client.listOpen(repo(standIn, TOKEN), BRANCH)))
        .extracting(PullRequest::number)
        .containsExactly(1L);
    standIn.close(REPO, 1, "pat");
    assertThat(await(client.listOpen(repo(standIn, TOKEN), BRANCH))).isEmpty();
    assertThat(standIn.creates()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void reads_a_merged_pull_request_with_its_merge_commit(Provider provider) throws Exception {
    ProviderStandIn standIn = serving(provider);
    PullRequestProvider client = provider.client(http);
    await(client.create(repo(standIn, TOKEN), proposal(BRANCH)));
    String merge = standIn.merge(REPO, 1, "sam");

    PullRequest pr = await(client.get(repo(standIn, TOKEN), 1));

    assertThat(pr.state()).isEqualTo(PullRequestState.MERGED);
    assertThat(GitFixture.head(bare)).isEqualTo(merge);
    // Bitbucket gives the merge commit abbreviated to 12 characters.
    assertThat(merge).startsWith(pr.mergeCommitSha());
    assertThat(pr.mergeCommitSha().length()).isGreaterThanOrEqualTo(12);
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void reads_a_closed_pull_request_as_closed(Provider provider) throws Exception {
    ProviderStandIn standIn = serving(provider);
    PullRequestProvider client = provider.client(http);
    await(client.create(repo(standIn, TOKEN), proposal(BRANCH)));
    standIn.close(REPO, 1, "pat");

    PullRequest pr = await(client.get(repo(standIn, TOKEN), 1));

    assertThat(pr.state()).isEqualTo(PullRequestState.CLOSED);
    assertThat(pr.mergeCommitSha()).isNull();
    if (provider != Provider.GITEA) {
      // Gitea's pull request does not say who closed it.
      assertThat(pr.closedBy()).isEqualTo("pat");
    }
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void a_wrong_token_is_refused(Provider provider) throws Exception {
    ProviderStandIn standIn = serving(provider);

    assertThatThrownBy(() -> await(provider.client(http).get(repo(standIn, "wrong-token"), 1)))
        .isInstanceOf(PullRequestException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining("wrong-token");
    assertThat(standIn.refused()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void reads_the_merge_and_close_webhooks(Provider provider) throws Exception {
    ProviderStandIn standIn = serving(provider);
    PullRequestProvider client = provider.client(http);
    await(client.create(repo(standIn, TOKEN), proposal(BRANCH)));
    await(client.create(repo(standIn, TOKEN), proposal("other")));
    standIn.merge(REPO, 1, "sam");
    standIn.close(REPO, 2, "pat");

    PullRequestHook merged =
        client
            .hook(headers(provider.headers(true)), provider.closedEvent(standIn, 1))
            .orElseThrow();
    PullRequestHook closed =
        client
            .hook(headers(provider.headers(false)), provider.closedEvent(standIn, 2))
            .orElseThrow();

    assertThat(merged.provider()).isEqualTo(client.kind());
    assertThat(merged.repository()).contains(REPO);
    assertThat(merged.number()).isEqualTo(1);
    assertThat(merged.state()).isEqualTo(PullRequestState.MERGED);
    assertThat(closed.number()).isEqualTo(2);
    assertThat(closed.state()).isEqualTo(PullRequestState.CLOSED);
    assertThat(client.hook(headers(Map.of("X-GitHub-Event", "push")), new JsonObject())).isEmpty();
  }

  private static MultiMap headers(Map<String, String> headers) {
    return MultiMap.caseInsensitiveMultiMap().addAll(headers);
  }

  private static NewPullRequest proposal(String head) {
    return new NewPullRequest(head, "main", "Promote trioapp 2.0.0 from qa to prod", "body");
  }
}
