package io.baton.pullrequest;

import io.baton.git.GitPromotionAction;
import io.baton.release.PromotionAction;
import io.baton.release.PromotionFailure;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A promotion by pull request: the step's commit (the one a COMMIT step makes) is pushed to a
 * branch of the step's own ({@link PullRequestTexts#branch}) and a pull request opened from it
 * against the application's branch; the step then waits SUSPENDED until the {@link
 * PullRequestWatcher} sees it merged or closed.
 *
 * <p>Idempotent: a re-run (after a crash, a lease taken over, a retry) adopts the commit already on
 * the branch, and the step's pull request already written, or else the one open on the branch at
 * the provider (opened just before a crash); only then does it open one. The database keeps at most
 * one open pull request per step.
 */
public final class PullRequestAction implements PromotionAction {
  private final GitPromotionAction git;
  private final ProviderHosts hosts;
  private final Map<ProviderKind, PullRequestProvider> providers;
  private final Pool pool;
  private final PullRequestRepository repository;
  private final Clock clock;
  private final Supplier<String> baseUrl;

  PullRequestAction(
      GitPromotionAction git,
      ProviderHosts hosts,
      Map<ProviderKind, PullRequestProvider> providers,
      Pool pool,
      PullRequestRepository repository,
      Clock clock,
      Supplier<String> baseUrl) {
    this.git = git;
    this.hosts = hosts;
    this.providers = providers;
    this.pool = pool;
    this.repository = repository;
    this.clock = clock;
    this.baseUrl = baseUrl;
  }

  /** One step's pull request, as the action works on it. */
  private record Step(
      Request request, ProviderKind kind, PullRequestProvider provider, ProviderRepository repo) {}

  @Override
  public Future<Result> promote(Request request) {
    ProviderHosts.Target target =
        hosts
            .resolve(request.target().repoUrl())
            .orElseThrow(
                () ->
                    new PromotionFailure(
                        "no pull request provider is configured for the repository of "
                            + request.target().name()
                            + ": add its host to BATON_GIT_PROVIDERS"));
    Step step = new Step(request, target.kind(), providers.get(target.kind()), target.repository());
    return git.propose(request, PullRequestTexts.branch(request))
        .compose(
            commit ->
                commit.changed()
                    ? pullRequest(step, commit.version())
                    : Future.succeededFuture(commit));
  }

  private Future<Result> pullRequest(Step step, String version) {
    Request request = step.request();
    return repository
        .latestOf(pool, request.releaseId(), request.environmentId())
        .compose(
            latest ->
                latest.isEmpty() ? openOne(step, version) : from(step, latest.get(), version));
  }

  /** What the step's newest pull request says now. */
  private Future<Result> from(Step step, StoredPullRequest stored, String version) {
    return switch (stored.state()) {
      case MERGED ->
          Future.succeededFuture(
              merged(
                  stored.mergeCommitSha(), stored.version(), stored.number(), stored.closedBy()));
      case CLOSED -> openOne(step, version);
      case OPEN ->
          step.provider()
              .get(step.repo(), stored.number())
              .compose(pr -> fromOpen(step, stored, pr, version));
    };
  }

  private Future<Result> fromOpen(
      Step step, StoredPullRequest stored, PullRequest pr, String version) {
    return switch (pr.state()) {
      case OPEN ->
          repository
              .moveToAttempt(pool, stored.id(), step.request().attempt(), version, clock.instant())
              .map(v -> Result.waiting(version, PullRequestTexts.waiting(pr.number())));
      case MERGED ->
          repository
              .finish(pool, stored.id(), pr, clock.instant())
              .map(v -> merged(pr.mergeCommitSha(), stored.version(), pr.number(), pr.closedBy()));
      case CLOSED ->
          repository
              .finish(pool, stored.id(), pr, clock.instant())
              .compose(v -> openOne(step, version));
    };
  }

  /** Adopts the pull request open on the step's branch, or opens one, and writes it. */
  private Future<Result> openOne(Step step, String version) {
    Request request = step.request();
    String branch = PullRequestTexts.branch(request);
    return step.provider()
        .listOpen(step.repo(), branch)
        .compose(
            open ->
                open.isEmpty()
                    ? create(step, branch, version)
                    : Future.succeededFuture(open.get(0)))
        .compose(
            pr ->
                repository
                    .insert(
                        pool,
                        request.releaseId(),
                        request.environmentId(),
                        request.attempt(),
                        step.kind(),
                        step.repo(),
                        withHead(pr, branch),
                        request.target().branch(),
                        version,
                        clock.instant())
                    .map(v -> Result.waiting(version, PullRequestTexts.waiting(pr.number()))));
  }

  private Future<PullRequest> create(Step step, String branch, String version) {
    Request request = step.request();
    NewPullRequest pr =
        new NewPullRequest(
            branch,
            request.target().branch(),
            PullRequestTexts.title(request, version),
            PullRequestTexts.body(
                request, version, baseUrl.get() + "/releases/" + request.releaseId()));
    return request
        .fence()
        .isCurrent()
        .compose(
            current ->
                current
                    ? step.provider().create(step.repo(), pr)
                    : Future.failedFuture(
                        new PromotionFailure(
                            "the step stopped running before its pull request was opened")));
  }

  private static PullRequest withHead(PullRequest pr, String branch) {
    return pr.headBranch() != null
        ? pr
        : new PullRequest(
            pr.number(), pr.url(), pr.state(), branch, pr.mergeCommitSha(), pr.closedBy());
  }

  private static Result merged(String sha, String version, long number, String by) {
    return new Result(
        sha,
        version,
        true,
        PullRequestTexts.merged(
            new PullRequest(number, null, PullRequestState.MERGED, null, sha, by)));
  }
}
