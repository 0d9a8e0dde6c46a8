package io.baton.pullrequest;

import io.baton.git.GitPromotionAction;
import io.baton.hooks.PullRequestHooks;
import io.baton.release.PromotionAction;
import io.baton.release.ReleaseService;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pull request promotion's parts, built together: the providers' clients, the step action, the
 * watcher (started with the release service it tells), and what the webhook receiver offers its
 * deliveries to.
 */
public final class PullRequests implements PullRequestHooks {
  /**
   * Asked in this order: Gitea and Forgejo send GitHub's event header besides their own, so they go
   * first.
   */
  private final List<PullRequestProvider> byHookOrder;

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final Duration pollInterval;
  private final ProviderHttp http;
  private final ProviderHosts hosts;
  private final Map<ProviderKind, PullRequestProvider> providers =
      new EnumMap<>(ProviderKind.class);
  private final PullRequestRepository repository = new PullRequestRepository();
  private final PullRequestAction action;
  private volatile String baseUrl = "http://localhost:8080";
  private volatile PullRequestWatcher watcher;

  /**
   * @param providersSpec {@code BATON_GIT_PROVIDERS}
   * @param tokens {@code BATON_GIT_TOKENS}
   */
  public PullRequests(
      Vertx vertx,
      Pool pool,
      Clock clock,
      String providersSpec,
      Map<String, String> tokens,
      Duration pollInterval,
      Duration timeout,
      GitPromotionAction git) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.http = new ProviderHttp(vertx, timeout);
    this.hosts = ProviderHosts.parse(providersSpec, tokens);
    GiteaPullRequests gitea = new GiteaPullRequests(http);
    GitLabMergeRequests gitlab = new GitLabMergeRequests(http);
    BitbucketPullRequests bitbucket = new BitbucketPullRequests(http);
    GitHubPullRequests github = new GitHubPullRequests(http);
    this.byHookOrder = List.of(gitea, gitlab, bitbucket, github);
    byHookOrder.forEach(p -> providers.put(p.kind(), p));
    this.action =
        new PullRequestAction(git, hosts, providers, pool, repository, clock, () -> baseUrl);
  }

  /** The PULL_REQUEST step action. */
  public PromotionAction action() {
    return action;
  }

  /**
   * Starts watching open pull requests; merges and closes are told to {@code releases}. Links in
   * pull requests start with {@code baseUrl}.
   */
  public void start(ReleaseService releases, String baseUrl) {
    this.baseUrl = baseUrl;
    this.watcher =
        new PullRequestWatcher(
            vertx, pool, repository, providers, hosts, releases, clock, pollInterval);
    watcher.start();
  }

  public void stop() {
    if (watcher != null) {
      watcher.stop();
    }
    http.close();
  }

  @Override
  public boolean offer(MultiMap headers, JsonObject payload) {
    for (PullRequestProvider provider : byHookOrder) {
      Optional<PullRequestHook> hook = provider.hook(headers, payload);
      if (hook.isPresent()) {
        PullRequestWatcher current = watcher;
        if (current != null) {
          current.hook(hook.get());
        }
        return true;
      }
    }
    return false;
  }

  /** The newest pull request of each step given, by step. */
  public Future<Map<StepRef, StoredPullRequest>> ofSteps(Collection<StepRef> steps) {
    return repository.ofSteps(pool, steps);
  }

  /** A step, by its release and environment. */
  public record StepRef(long releaseId, long environmentId) {}
}
