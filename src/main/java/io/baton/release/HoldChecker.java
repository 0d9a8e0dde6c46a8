package io.baton.release;

import io.baton.db.Coalescer;
import io.baton.line.LineService;
import io.baton.line.LineState;
import io.baton.line.Verdict;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges held steps again, on every instance, each poll and at once after this instance changed the
 * line: those whose hold ends by now, and those judged by an older version of the line (a window
 * deleted, an environment resumed, an application unpinned, an override given: on any instance). A
 * step nothing holds any more runs again; one still held keeps waiting, its message updated. Writes
 * go through {@link ReleaseTransactions}, fenced by {@link ReleaseRun#stillHeld} and {@link
 * ReleaseRun#released}: two instances judging the same step change it once.
 */
final class HoldChecker {
  private static final Logger LOG = LoggerFactory.getLogger(HoldChecker.class);
  private static final int MAX_BATCH = 100;

  private final Vertx vertx;
  private final Pool pool;
  private final ReleaseRepository repository;
  private final ReleaseTransactions transactions;
  private final LineService line;
  private final Clock clock;
  private final EngineOptions options;
  private final Coalescer<Void, Void> rounds = new Coalescer<>(Integer.MAX_VALUE, 1, this::round);
  private volatile long timer = -1;
  private volatile boolean stopped;

  HoldChecker(
      Vertx vertx,
      Pool pool,
      ReleaseRepository repository,
      ReleaseTransactions transactions,
      LineService line,
      Clock clock,
      EngineOptions options) {
    this.vertx = vertx;
    this.pool = pool;
    this.repository = repository;
    this.transactions = transactions;
    this.line = line;
    this.clock = clock;
    this.options = options;
  }

  void start() {
    timer = vertx.setPeriodic(options.poll().toMillis(), id -> wake());
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  void wake() {
    if (!stopped) {
      rounds.submit(null);
    }
  }

  private Future<Void> round(List<Coalescer.Request<Void, Void>> wakes) {
    Instant now = clock.instant();
    // The version alone first: with no held step due, that is all a poll reads. The steps are then
    // judged by the line as read after them, never older than the version that found them due.
    return line.version()
        .compose(
            version -> pool.withConnection(sql -> repository.heldDue(sql, now, version, MAX_BATCH)))
        .compose(due -> due.isEmpty() ? Future.succeededFuture() : judge(due))
        .onFailure(failure -> LOG.warn("judging held steps failed: {}", failure.getMessage()))
        .recover(failure -> Future.succeededFuture())
        .onComplete(done -> wakes.forEach(w -> w.complete(null)));
  }

  private Future<Void> judge(List<ReleaseRepository.HeldStep> due) {
    return line.state().compose(state -> judge(state, due));
  }

  private Future<Void> judge(LineState state, List<ReleaseRepository.HeldStep> due) {
    Set<Long> products = new HashSet<>();
    Set<Long> releases = new HashSet<>();
    due.forEach(
        d -> {
          products.add(d.productId());
          releases.add(d.releaseId());
        });
    return transactions
        .change(
            products,
            releases,
            (change, runs) -> {
              for (ReleaseRepository.HeldStep step : due) {
                ReleaseRun run = runs.get(step.releaseId());
                if (run == null) {
                  continue;
                }
                Verdict verdict = state.verdict(step.subject(), change.now);
                if (verdict.held()) {
                  run.stillHeld(
                      step.environmentId(),
                      step.attempt(),
                      verdict.message(),
                      verdict.until(),
                      state.version(),
                      change.now);
                } else {
                  run.released(step.environmentId(), step.attempt(), change.now);
                }
              }
              return Future.<Void>succeededFuture();
            })
        .onSuccess(
            v -> {
              if (due.size() == MAX_BATCH) {
                wake();
              }
            });
  }
}
