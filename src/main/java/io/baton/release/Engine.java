package io.baton.release;

import io.baton.db.Coalescer;
import io.baton.product.Application;
import io.baton.product.ApplicationService;
import io.baton.product.PromotionTemplate;
import io.baton.release.ReleaseTransactions.Change;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous, durable state machine's worker. It claims running steps under a lease, carries
 * out their actions, and writes their outcomes in batches: many transitions per commit when many
 * steps finish together. Every change to releases goes through {@link #change}: lock the products
 * and releases involved, apply {@link ReleaseRun}'s rules, save with compare-and-set, append the
 * events, and wake the listeners after commit.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final int MAX_BATCH = 256;
  private static final int MAX_CONCURRENT_FLUSHES = 2;

  private final Vertx vertx;
  private final Pool pool;
  private final ReleaseRepository repository;
  private final PromotionAction action;
  private final ApplicationService applications;
  private final ReleaseTransactions transactions;
  private final DeadlineSweeper sweeper;
  private final Clock clock;
  private final EngineOptions options;
  private final Context context;
  private final Coalescer<Work, PromotionAction.Request> requests =
      new Coalescer<>(MAX_BATCH, MAX_CONCURRENT_FLUSHES, this::requestsOf);
  private final Deque<Completion> completions = new ArrayDeque<>();
  private final Set<String> inFlight = new HashSet<>();
  private int flushing;
  private boolean claiming;
  private boolean claimAgain;
  private boolean claimWasFull;
  private final List<Long> timers = new ArrayList<>();
  private volatile boolean stopped;

  Engine(
      Vertx vertx,
      Pool pool,
      ReleaseRepository repository,
      PromotionAction action,
      ApplicationService applications,
      EventFeed feed,
      Clock clock,
      EngineOptions options) {
    this.vertx = vertx;
    this.pool = pool;
    this.repository = repository;
    this.action = action;
    this.applications = applications;
    this.clock = clock;
    this.options = options;
    this.context = vertx.getOrCreateContext();
    this.transactions =
        new ReleaseTransactions(
            vertx,
            pool,
            repository,
            feed,
            clock,
            options,
            leased -> onContext(() -> leased.forEach(this::run)));
    this.sweeper = new DeadlineSweeper(vertx, pool, repository, transactions, clock, options);
  }

  void start() {
    timers.add(vertx.setPeriodic(options.poll().toMillis(), id -> claim()));
    claim();
    sweeper.start();
  }

  void stop() {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
    sweeper.stop();
  }

  EngineOptions options() {
    return options;
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

  /**
   * The worker's state (in-flight work, waiting outcomes) belongs to its own context; callers of
   * {@link #change} and actions may finish on any event loop.
   */
  private void onContext(Runnable task) {
    if (Vertx.currentContext() == context) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  /**
   * Looks for steps nobody runs: new ones, and those whose holder's lease ran out (a crashed
   * instance).
   */
  void claim() {
    if (stopped) {
      return;
    }
    if (claiming) {
      claimAgain = true;
      return;
    }
    int room = options.capacity() - inFlight.size();
    if (room <= 0) {
      claimWasFull = true;
      return;
    }
    claiming = true;
    Instant now = clock.instant();
    repository
        .claim(pool, now, options.instanceId(), room, now.plus(options.lease()))
        .onComplete(
            result -> {
              claiming = false;
              if (result.failed()) {
                LOG.warn("claiming work failed: {}", result.cause().getMessage());
                return;
              }
              claimWasFull = result.result().size() >= room;
              result.result().forEach(this::run);
              if (claimAgain) {
                claimAgain = false;
                claim();
              }
            });
  }

  private void run(Work work) {
    if (stopped || !inFlight.add(work.inFlightKey())) {
      return;
    }
    if (work.settles()) {
      settle(work);
      return;
    }
    if (work.makesNoChange()) {
      // Left running by an earlier version, which handed NONE steps to the worker.
      completed(Completion.noChange(work));
      return;
    }
    long renewal = vertx.setPeriodic(options.lease().toMillis() / 3, id -> renewLease(work));
    requests
        .submit(work)
        .compose(request -> promote(request, 0))
        .onComplete(
            result -> {
              vertx.cancelTimer(renewal);
              completed(
                  result.succeeded()
                      ? Completion.success(work, result.result())
                      : Completion.failure(work, FailureMessages.describe(result.cause())));
            });
  }

  /**
   * Looks at the target of a step terminated while its action may have been pushing, now that the
   * action has ended or its holder is gone, and records what it finds. When the target cannot be
   * read, the lease runs out and the look is taken again.
   */
  private void settle(Work work) {
    long renewal = vertx.setPeriodic(options.lease().toMillis() / 3, id -> renewLease(work));
    requests
        .submit(work)
        .compose(this::committed)
        .onComplete(
            result -> {
              vertx.cancelTimer(renewal);
              if (result.succeeded()) {
                completed(Completion.found(work, result.result()));
                return;
              }
              if (result.cause() instanceof PromotionFailure) {
                // The target can no longer be read (its application is gone): nothing to wait for.
                completed(Completion.found(work, Optional.empty()));
                return;
              }
              LOG.warn(
                  "looking for the commit of terminated step {} failed, will look again: {}",
                  work.idempotencyKey(),
                  FailureMessages.describe(result.cause()));
              onContext(() -> inFlight.remove(work.inFlightKey()));
            });
  }

  private Future<Optional<PromotionAction.Result>> committed(PromotionAction.Request request) {
    try {
      return action.committed(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<PromotionAction.Result> promote(PromotionAction.Request request, int retries) {
    Future<PromotionAction.Result> attempt;
    try {
      attempt = action.promote(request);
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    return attempt.recover(
        failure -> {
          if (failure instanceof PromotionFailure
              || retries >= options.technicalRetries()
              || stopped) {
            return Future.failedFuture(failure);
          }
          LOG.info(
              "promotion {} failed ({}), trying again",
              request.idempotencyKey(),
              failure.getMessage());
          Promise<Void> wait = Promise.promise();
          vertx.setTimer(options.retryBackoff().toMillis() << retries, id -> wait.complete());
          return wait.future().compose(v -> promote(request, retries + 1));
        });
  }

  /**
   * What the actions of many claimed steps need, read together: two statements for the whole batch.
   */
  private Future<Void> requestsOf(List<Coalescer.Request<Work, PromotionAction.Request>> batch) {
    List<Work> work = batch.stream().map(Coalescer.Request::input).toList();
    return repository
        .claimedSteps(pool, work)
        .compose(
            steps -> {
              Set<Long> appIds = new HashSet<>();
              for (ClaimedStep step : steps.values()) {
                appIds.add(step.sourceApplicationId());
                appIds.add(step.applicationId());
              }
              appIds.remove(null);
              return applications
                  .byIds(appIds)
                  .map(
                      apps -> {
                        for (Coalescer.Request<Work, PromotionAction.Request> request : batch) {
                          Work one = request.input();
                          try {
                            request.complete(requestOf(one, steps.get(ClaimedStep.key(one)), apps));
                          } catch (PromotionFailure failure) {
                            request.fail(failure);
                          }
                        }
                        return null;
                      });
            });
  }

  private PromotionAction.Request requestOf(
      Work work, ClaimedStep step, Map<Long, Application> apps) {
    if (step == null) {
      throw new PromotionFailure("the step no longer exists");
    }
    if (!work.settles() && !step.runs(work)) {
      // Terminated (or taken over) before its action began: nothing may be pushed for it now.
      throw new PromotionFailure("the step stopped running before its action began");
    }
    Application source = apps.get(step.sourceApplicationId());
    Application target = step.applicationId() == null ? null : apps.get(step.applicationId());
    if (target == null) {
      throw new PromotionFailure(
          "product has no application in environment " + step.environmentName());
    }
    if (source == null) {
      throw new PromotionFailure("the release's source application no longer exists");
    }
    JsonObject template = step.promotionTemplate();
    return new PromotionAction.Request(
        work.idempotencyKey(),
        work.releaseId(),
        work.attempt(),
        step.productName(),
        step.sourceEnvironmentName(),
        step.environmentName(),
        source,
        step.sourceCommit(),
        target,
        template == null ? null : PromotionTemplate.fromJson(template),
        () -> repository.isCurrent(pool, work));
  }

  private void renewLease(Work work) {
    Instant until = clock.instant().plus(options.lease());
    repository
        .renewLease(pool, work, options.instanceId(), until)
        .onFailure(
            failure ->
                LOG.warn(
                    "renewing lease of {} failed: {}",
                    work.idempotencyKey(),
                    failure.getMessage()));
  }

  private void completed(Completion completion) {
    onContext(
        () -> {
          completions.add(completion);
          flush();
        });
  }

  /** Writes waiting outcomes, up to {@link #MAX_BATCH} per transaction. */
  private void flush() {
    if (flushing >= MAX_CONCURRENT_FLUSHES || completions.isEmpty()) {
      return;
    }
    List<Completion> batch = new ArrayList<>();
    while (!completions.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(completions.poll());
    }
    flushing++;
    Set<Long> products = new HashSet<>();
    Set<Long> releases = new HashSet<>();
    batch.forEach(
        c -> {
          products.add(c.work().productId());
          releases.add(c.work().releaseId());
        });
    change(
            products,
            releases,
            (change, runs) -> {
              for (Completion c : batch) {
                apply(change, runs.get(c.work().releaseId()), c);
              }
              return Future.succeededFuture();
            })
        .onComplete(
            result -> {
              flushing--;
              batch.forEach(c -> inFlight.remove(c.work().inFlightKey()));
              if (result.failed()) {
                LOG.error(
                    "writing {} step outcomes failed; their leases will run out and they will run again",
                    batch.size(),
                    result.cause());
              }
              flush();
              // Steps started by this flush are already leased to us and running; claim only if the
              // last claim left
              // work behind for want of room, which this flush has just made.
              if (claimWasFull) {
                claim();
              }
            });
  }

  private static void apply(Change change, ReleaseRun run, Completion c) {
    if (run != null && !c.applyTo(run, change.now)) {
      LOG.debug("ignoring the late outcome of {}", c.work().idempotencyKey());
    }
  }
}
