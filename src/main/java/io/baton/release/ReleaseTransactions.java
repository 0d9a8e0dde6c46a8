package io.baton.release;

import io.baton.db.PgErrors;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Every change to releases goes through {@link #change}: lock the products and releases involved,
 * apply {@link ReleaseRun}'s rules, start the releases queued behind those that ended, save with
 * compare-and-set, append the events, and wake the listeners after commit. Steps that started
 * running in a change are leased to this instance and handed to {@code started} once it commits.
 */
final class ReleaseTransactions {
  private static final int MAX_TX_ATTEMPTS = 8;

  private final Vertx vertx;
  private final Pool pool;
  private final ReleaseRepository repository;
  private final EventFeed feed;
  private final Clock clock;
  private final EngineOptions options;
  private final Consumer<List<Work>> started;

  ReleaseTransactions(
      Vertx vertx,
      Pool pool,
      ReleaseRepository repository,
      EventFeed feed,
      Clock clock,
      EngineOptions options,
      Consumer<List<Work>> started) {
    this.vertx = vertx;
    this.pool = pool;
    this.repository = repository;
    this.feed = feed;
    this.clock = clock;
    this.options = options;
    this.started = started;
  }

  /** What a transaction sees and adds to: the locked runs, the runs it creates, and the time. */
  final class Change {
    final SqlConnection sql;
    final Instant now;
    final Map<Long, ReleaseRun> runs;
    final List<ReleaseRun> created = new ArrayList<>();

    Change(SqlConnection sql, Instant now, Map<Long, ReleaseRun> runs) {
      this.sql = sql;
      this.now = now;
      this.runs = new LinkedHashMap<>(runs);
    }

    /** Locks and loads more releases (their products must already be locked by this change). */
    Future<Map<Long, ReleaseRun>> lock(Collection<Long> releaseIds) {
      List<Long> missing = releaseIds.stream().filter(id -> !runs.containsKey(id)).toList();
      if (missing.isEmpty()) {
        return Future.succeededFuture(runs);
      }
      return repository
          .lockRuns(sql, missing)
          .map(
              loaded -> {
                runs.putAll(loaded);
                return runs;
              });
    }
  }

  /**
   * Runs {@code work} in a transaction holding the given products and releases, redone from the
   * start if another writer got in between (compare-and-set failure, deadlock). Steps that started
   * running in it are leased to this instance and run once it commits.
   */
  <T> Future<T> change(
      Collection<Long> productIds,
      Collection<Long> releaseIds,
      BiFunction<Change, Map<Long, ReleaseRun>, Future<T>> work) {
    return change(productIds, releaseIds, work, 1);
  }

  private <T> Future<T> change(
      Collection<Long> productIds,
      Collection<Long> releaseIds,
      BiFunction<Change, Map<Long, ReleaseRun>, Future<T>> work,
      int attempt) {
    List<Work> leased = new ArrayList<>();
    Future<T> result =
        pool.withTransaction(
            sql -> {
              leased.clear();
              Instant now = clock.instant();
              // Products first, then releases: both locks (and the steps' read) go out pipelined,
              // in that order.
              Future<Void> products = repository.lockProducts(sql, new HashSet<>(productIds));
              Future<Map<Long, ReleaseRun>> locked = repository.lockRuns(sql, releaseIds);
              return Future.all(products, locked)
                  .compose(
                      v -> {
                        Change change = new Change(sql, now, locked.result());
                        return work.apply(change, change.runs)
                            .compose(value -> startQueuedBehindFinished(change).map(value))
                            .compose(value -> persist(change, leased).map(value));
                      });
            });
    return result
        .onSuccess(v -> afterCommit(leased))
        .recover(
            failure -> {
              if (attempt < MAX_TX_ATTEMPTS && isRetryable(failure)) {
                return backoff(attempt)
                    .compose(v -> change(productIds, releaseIds, work, attempt + 1));
              }
              return Future.failedFuture(failure);
            });
  }

  private static boolean isRetryable(Throwable failure) {
    return failure instanceof ReleaseRepository.ConcurrentUpdate
        || PgErrors.is(failure, "40P01")
        || PgErrors.is(failure, "40001");
  }

  private Future<Void> backoff(int attempt) {
    Promise<Void> promise = Promise.promise();
    vertx.setTimer(1 + (long) (Math.random() * 5 * attempt), id -> promise.complete());
    return promise.future();
  }

  /**
   * A release that ended lets the next release of its product start, as {@link ProductLine#next}
   * says: the products' active releases are read in one statement, however many products the change
   * ended releases of.
   */
  private Future<Void> startQueuedBehindFinished(Change change) {
    Set<Long> products = new HashSet<>();
    change.runs.values().stream()
        .filter(run -> run.release().dirty && run.release().status.isTerminal())
        .forEach(run -> products.add(run.release().productId));
    if (products.isEmpty()) {
      return Future.succeededFuture();
    }
    return repository
        .activeOf(change.sql, products)
        .compose(
            active -> {
              List<Long> next = new ArrayList<>();
              for (long productId : products) {
                lineNow(change, productId, active.getOrDefault(productId, Map.of()))
                    .next()
                    .ifPresent(next::add);
              }
              return change
                  .lock(next)
                  .map(
                      runs -> {
                        next.forEach(id -> runs.get(id).start(change.now));
                        return null;
                      });
            });
  }

  /**
   * A product's active releases as this change leaves them: those read, with the statuses the
   * change gave them (ended ones dropped), then those it created.
   */
  private static ProductLine lineNow(Change change, long productId, Map<Long, ReleaseStatus> read) {
    Map<Long, ReleaseStatus> now = new LinkedHashMap<>();
    read.forEach((id, status) -> now.put(id, statusHere(change, id, status)));
    change.created.stream()
        .filter(run -> run.release().productId == productId)
        .forEach(run -> now.put(run.release().id, run.release().status));
    now.values().removeIf(ReleaseStatus::isTerminal);
    return ProductLine.of(now);
  }

  private static ReleaseStatus statusHere(Change change, long releaseId, ReleaseStatus read) {
    ReleaseRun run = change.runs.get(releaseId);
    return run == null ? read : run.release().status;
  }

  private Future<Void> persist(Change change, List<Work> leased) {
    List<ReleaseRun> all = new ArrayList<>(change.runs.values());
    all.addAll(change.created);
    for (ReleaseRun run : all) {
      for (ReleaseStep step : run.steps()) {
        if (step.status == StepStatus.RUNNING
            && step.leaseOwner == null
            && !ReleaseRun.awaitsGates(step)) {
          step.leaseOwner = options.instanceId();
          step.leaseUntil = change.now.plus(options.lease());
          step.dirty = true;
          leased.add(
              new Work(
                  step.releaseId,
                  step.environmentId,
                  step.attempt,
                  step.action,
                  run.release().productId,
                  run.release().version,
                  false));
        }
      }
    }
    List<Transition> transitions = new ArrayList<>();
    all.forEach(run -> transitions.addAll(run.transitions()));
    // Every write goes out at once, in order, pipelined on the transaction's connection: one round
    // trip.
    List<Future<Void>> writes = new ArrayList<>();
    if (!change.created.isEmpty()) {
      writes.add(repository.insert(change.sql, change.created));
    }
    writes.add(repository.save(change.sql, change.runs.values()));
    writes.add(repository.insertEvents(change.sql, transitions, change.now));
    return Future.all(writes).mapEmpty();
  }

  private void afterCommit(List<Work> leased) {
    feed.committed();
    if (!leased.isEmpty()) {
      started.accept(leased);
    }
  }
}
