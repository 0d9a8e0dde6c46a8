package io.baton.release;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Terminates releases whose flow timeout has passed, every {@link EngineOptions#timeoutSweep()}.
 * (Steps whose lease ran out are taken over by the {@link StepWorker}s' claims.)
 */
final class DeadlineSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(DeadlineSweeper.class);

  private final Vertx vertx;
  private final Pool pool;
  private final ReleaseRepository repository;
  private final ReleaseTransactions transactions;
  private final Clock clock;
  private final EngineOptions options;
  private volatile long timer = -1;
  private volatile boolean stopped;

  DeadlineSweeper(
      Vertx vertx,
      Pool pool,
      ReleaseRepository repository,
      ReleaseTransactions transactions,
      Clock clock,
      EngineOptions options) {
    this.vertx = vertx;
    this.pool = pool;
    this.repository = repository;
    this.transactions = transactions;
    this.clock = clock;
    this.options = options;
  }

  void start() {
    timer = vertx.setPeriodic(options.timeoutSweep().toMillis(), id -> terminatePastDeadline());
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  private void terminatePastDeadline() {
    if (stopped) {
      return;
    }
    Instant now = clock.instant();
    repository
        .pastDeadline(pool, now)
        .onSuccess(ids -> ids.forEach(this::timeOut))
        .onFailure(
            failure -> LOG.warn("looking for timed-out releases failed: {}", failure.getMessage()));
  }

  private void timeOut(long releaseId) {
    repository
        .find(pool, releaseId)
        .compose(release -> release == null ? Future.succeededFuture() : timeOut(release))
        .onFailure(
            failure ->
                LOG.warn("timing out release {} failed: {}", releaseId, failure.getMessage()));
  }

  private Future<Void> timeOut(Release release) {
    return transactions.change(
        List.of(release.productId),
        List.of(release.id),
        (change, runs) -> {
          terminateIfPastDeadline(runs.get(release.id), change.now);
          return Future.<Void>succeededFuture();
        });
  }

  private static void terminateIfPastDeadline(ReleaseRun run, Instant now) {
    if (run == null || run.release().status.isTerminal() || run.release().deadlineAt.isAfter(now)) {
      return;
    }
    run.terminate("timed out: the flow's timeout of " + run.release().timeout + " passed", now);
  }
}
