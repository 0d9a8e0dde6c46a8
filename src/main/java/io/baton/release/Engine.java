package io.baton.release;

import io.baton.flow.StepAction;
import io.baton.gate.Gates;
import io.baton.line.LineService;
import io.baton.product.ApplicationService;
import io.baton.release.ReleaseTransactions.Change;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The asynchronous, durable state machine, wired from its parts: {@link ReleaseTransactions} runs
 * every change to releases (compare-and-set, redone when another writer got in between); a {@link
 * StepWorker}, confined to its own context, claims running steps under a lease, has {@link
 * StepActions} carry out their actions and {@link StepOutcomes} write their outcomes in batches; a
 * {@link DeadlineSweeper} terminates releases past their flow's timeout.
 */
public final class Engine {
  private final ReleaseTransactions transactions;
  private final StepWorker worker;
  private final StepActions actions;
  private final DeadlineSweeper sweeper;
  private final GateChecker gateChecker;
  private final HoldChecker holdChecker;

  Engine(
      Vertx vertx,
      Pool pool,
      ReleaseRepository repository,
      Map<StepAction, PromotionAction> kinds,
      ApplicationService applications,
      EventFeed feed,
      Gates gates,
      LineService line,
      Clock clock,
      EngineOptions options) {
    this.transactions =
        new ReleaseTransactions(vertx, pool, repository, feed, clock, options, this::started);
    this.actions =
        new StepActions(
            vertx,
            pool,
            repository,
            kinds,
            applications,
            clock,
            options,
            new StepHolds(pool, repository, line, clock));
    this.worker =
        new StepWorker(
            vertx.getOrCreateContext(),
            pool,
            repository,
            actions,
            new StepOutcomes(transactions, this::written),
            clock,
            options);
    this.sweeper = new DeadlineSweeper(vertx, pool, repository, transactions, clock, options);
    this.gateChecker =
        new GateChecker(vertx, pool, repository, transactions, gates, clock, options);
    this.holdChecker = new HoldChecker(vertx, pool, repository, transactions, line, clock, options);
    line.onChange(holdChecker::wake);
  }

  void start() {
    worker.start();
    sweeper.start();
    gateChecker.start();
    holdChecker.start();
  }

  void stop() {
    worker.stop();
    actions.stop();
    sweeper.stop();
    gateChecker.stop();
    holdChecker.stop();
  }

  /** Judges held steps again at once (this instance changed the line). */
  void checkHolds() {
    holdChecker.wake();
  }

  /** Checks the gates due now, at once (an answer to an approval was just written). */
  void checkGates() {
    gateChecker.wake();
  }

  /**
   * Runs {@code work} in a transaction holding the given products and releases (see {@link
   * ReleaseTransactions#change}).
   */
  <T> Future<T> change(
      Collection<Long> productIds,
      Collection<Long> releaseIds,
      BiFunction<Change, Map<Long, ReleaseRun>, Future<T>> work) {
    return transactions.change(productIds, releaseIds, work);
  }

  private void started(List<Work> leased) {
    worker.started(leased);
  }

  private void written(List<Completion> batch) {
    worker.written(batch);
  }
}
