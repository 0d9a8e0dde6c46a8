package io.baton.release;

import io.baton.db.Coalescer;
import io.baton.gate.GateCheck;
import io.baton.gate.GateKind;
import io.baton.gate.GateOutcome;
import io.baton.gate.Gates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the gates that are due, on every instance: a round claims due gates ({@code FOR UPDATE
 * SKIP LOCKED}, their next check moved past the check, so each gate is checked by one instance at a
 * time and a dead checker's gates come due again), has {@link Gates} check each, and writes each
 * outcome through {@link ReleaseTransactions} ({@link ReleaseRun#gateChecked}). A check that fails
 * for a technical reason is simply checked again once its claim runs out.
 */
final class GateChecker {
  private static final Logger LOG = LoggerFactory.getLogger(GateChecker.class);
  private static final int MAX_CLAIM = 100;

  private final Vertx vertx;
  private final Pool pool;
  private final ReleaseRepository repository;
  private final ReleaseTransactions transactions;
  private final Gates gates;
  private final Clock clock;
  private final EngineOptions options;

  /** One claim at a time; wakes that arrive during one are answered together by the next. */
  private final Coalescer<Void, Void> claims = new Coalescer<>(Integer.MAX_VALUE, 1, this::claim);

  private volatile long timer = -1;
  private volatile boolean stopped;

  GateChecker(
      Vertx vertx,
      Pool pool,
      ReleaseRepository repository,
      ReleaseTransactions transactions,
      Gates gates,
      Clock clock,
      EngineOptions options) {
    this.vertx = vertx;
    this.pool = pool;
    this.repository = repository;
    this.transactions = transactions;
    this.gates = gates;
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

  /** Checks the gates due now (at once, e.g. after an approval; otherwise on the poll). */
  void wake() {
    if (!stopped) {
      claims.submit(null);
    }
  }

  private Future<Void> claim(List<Coalescer.Request<Void, Void>> wakes) {
    Instant now = clock.instant();
    return pool.withTransaction(
            sql -> repository.claimGates(sql, now, MAX_CLAIM, now.plus(options.lease())))
        .onFailure(failure -> LOG.warn("claiming gates to check failed", failure))
        .onSuccess(this::checkAll)
        .<Void>mapEmpty()
        .recover(failure -> Future.succeededFuture())
        .onComplete(done -> wakes.forEach(w -> w.complete(null)));
  }

  private void checkAll(List<ReleaseRepository.DueGate> due) {
    due.forEach(this::check);
    if (due.size() == MAX_CLAIM) {
      wake();
    }
  }

  private void check(ReleaseRepository.DueGate due) {
    Future<List<GateCheck.Approval>> approvals =
        due.spec().kind() == GateKind.APPROVAL
            ? pool.withConnection(
                sql ->
                    repository.approvals(sql, due.releaseId(), due.environmentId(), due.attempt()))
            : Future.succeededFuture(List.of());
    approvals
        .compose(
            answers ->
                gates.check(
                    new GateCheck(
                        due.spec(),
                        due.facts(),
                        due.startedAt(),
                        due.state(),
                        // Gates run one after another: when this one started, every gate before it
                        // (and the action, for an AFTER gate) had passed.
                        Optional.ofNullable(due.startedAt()),
                        answers,
                        clock.instant())))
        .compose(outcome -> write(due, outcome))
        .onFailure(
            failure ->
                LOG.warn(
                    "checking gate {} of release {} in environment {} failed; it is checked again later",
                    due.position(),
                    due.releaseId(),
                    due.environmentId(),
                    failure));
  }

  private Future<Boolean> write(ReleaseRepository.DueGate due, GateOutcome outcome) {
    return transactions.change(
        Set.of(due.productId()),
        Set.of(due.releaseId()),
        (change, runs) -> {
          ReleaseRun run = runs.get(due.releaseId());
          return Future.succeededFuture(
              run != null
                  && run.gateChecked(
                      due.environmentId(),
                      due.attempt(),
                      due.position(),
                      due.revision(),
                      outcome,
                      change.now));
        });
  }
}
