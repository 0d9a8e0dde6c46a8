package io.baton.pullrequest;

import io.baton.release.ReleaseService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that a waiting step's pull request was merged or closed: every poll interval it asks the
 * provider about each open pull request whose step waits for it, and at once about those a verified
 * webhook names. A merge lets the step go on with the merge commit, a close fails it naming who
 * closed it; the pull request's row changes in the same transaction as the step, so a crash
 * anywhere leaves both as they were, to be asked about again.
 */
public final class PullRequestWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(PullRequestWatcher.class);
  static final int BATCH = 100;

  private final Vertx vertx;
  private final Pool pool;
  private final PullRequestRepository repository;
  private final Map<ProviderKind, PullRequestProvider> providers;
  private final ProviderHosts hosts;
  private final ReleaseService releases;
  private final Clock clock;
  private final Duration interval;
  private volatile long timer = -1;
  private volatile boolean stopped;

  PullRequestWatcher(
      Vertx vertx,
      Pool pool,
      PullRequestRepository repository,
      Map<ProviderKind, PullRequestProvider> providers,
      ProviderHosts hosts,
      ReleaseService releases,
      Clock clock,
      Duration interval) {
    this.vertx = vertx;
    this.pool = pool;
    this.repository = repository;
    this.providers = providers;
    this.hosts = hosts;
    this.releases = releases;
    this.clock = clock;
    this.interval = interval;
  }

  void start() {
    timer = vertx.setPeriodic(0, interval.toMillis(), id -> poll());
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  /** Asks about every open pull request a step waits for. */
  Future<Void> poll() {
    if (stopped) {
      return Future.succeededFuture();
    }
    return repository
        .due(pool, BATCH)
        .compose(this::checkAll)
        .onFailure(failure -> LOG.warn("polling pull requests failed: {}", failure.getMessage()));
  }

  /** A verified webhook about a pull request: asks about the matching ones now. */
  public Future<Void> hook(PullRequestHook hook) {
    return repository.matching(pool, hook).compose(this::checkAll);
  }

  private Future<Void> checkAll(List<StoredPullRequest> due) {
    return Future.join(due.stream().map(this::check).toList()).mapEmpty();
  }

  private Future<Void> check(StoredPullRequest stored) {
    PullRequestProvider provider = providers.get(stored.provider());
    return provider
        .get(stored.at(hosts), stored.number())
        .compose(pr -> settle(stored, pr))
        .recover(
            failure -> {
              LOG.info(
                  "asking about pull request #{} of {} failed, will ask again: {}",
                  stored.number(),
                  stored.repository(),
                  failure.getMessage());
              return Future.succeededFuture();
            });
  }

  private Future<Void> settle(StoredPullRequest stored, PullRequest pr) {
    return switch (pr.state()) {
      case OPEN -> repository.touch(pool, stored.id(), clock.instant());
      case MERGED ->
          releases
              .actionCompleted(
                  stored.releaseId(),
                  stored.environmentId(),
                  stored.attempt(),
                  pr.mergeCommitSha(),
                  stored.version(),
                  PullRequestTexts.merged(pr),
                  sql -> repository.finish(sql, stored.id(), pr, clock.instant()))
              .mapEmpty();
      case CLOSED ->
          releases
              .actionFailed(
                  stored.releaseId(),
                  stored.environmentId(),
                  stored.attempt(),
                  PullRequestTexts.closed(pr),
                  sql -> repository.finish(sql, stored.id(), pr, clock.instant()))
              .mapEmpty();
    };
  }
}
