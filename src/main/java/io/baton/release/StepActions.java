package io.baton.release;

import io.baton.db.Coalescer;
import io.baton.flow.StepAction;
import io.baton.product.Application;
import io.baton.product.ApplicationService;
import io.baton.product.PromotionTemplate;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the action of a step this instance holds the lease of, renewing the lease while the
 * action runs and retrying technical failures; or, for a step terminated while its action may have
 * been pushing, looks at its target for the commit that action made. Holds no state of its own
 * beyond whether it was stopped: safe to call from any context.
 */
final class StepActions {
  private static final Logger LOG = LoggerFactory.getLogger(StepActions.class);
  private static final int MAX_BATCH = 256;
  private static final int MAX_CONCURRENT_READS = 2;

  private final Vertx vertx;
  private final Pool pool;
  private final ReleaseRepository repository;
  private final Map<StepAction, PromotionAction> actions;
  private final ApplicationService applications;
  private final Clock clock;
  private final EngineOptions options;
  private final StepHolds holds;
  private final Coalescer<Work, PromotionAction.Request> requests =
      new Coalescer<>(MAX_BATCH, MAX_CONCURRENT_READS, this::requestsOf);
  private volatile boolean stopped;

  StepActions(
      Vertx vertx,
      Pool pool,
      ReleaseRepository repository,
      Map<StepAction, PromotionAction> actions,
      ApplicationService applications,
      Clock clock,
      EngineOptions options,
      StepHolds holds) {
    this.holds = holds;
    this.vertx = vertx;
    this.pool = pool;
    this.repository = repository;
    this.actions = Map.copyOf(actions);
    this.applications = applications;
    this.clock = clock;
    this.options = options;
  }

  void stop() {
    stopped = true;
  }

  /**
   * The outcome of {@code work}, to be written. Fails only when a terminated step's target could
   * not be looked at: nothing is written, its lease runs out and the look is taken again.
   */
  Future<Completion> carryOut(Work work) {
    if (work.settles()) {
      return settle(work);
    }
    if (work.makesNoChange()) {
      // Left running by an earlier version, which handed NONE steps to the worker.
      return Future.succeededFuture(Completion.noChange(work));
    }
    // Line control may hold the step: judged just before its action, never after.
    return holds
        .judge(work)
        .compose(
            judged ->
                judged.verdict().held()
                    ? Future.succeededFuture(
                        Completion.held(work, judged.verdict(), judged.lineVersion()))
                    : act(work));
  }

  private Future<Completion> act(Work work) {
    long renewal = vertx.setPeriodic(options.lease().toMillis() / 3, id -> renewLease(work));
    return requests
        .submit(work)
        .compose(request -> promote(actionOf(work), request, 0))
        .transform(
            result -> {
              vertx.cancelTimer(renewal);
              return Future.succeededFuture(outcome(work, result));
            });
  }

  private static Completion outcome(Work work, AsyncResult<PromotionAction.Result> result) {
    return result.succeeded()
        ? Completion.success(work, result.result())
        : Completion.failure(work, FailureMessages.describe(result.cause()));
  }

  /**
   * Looks at the target of a step terminated while its action may have been pushing, now that the
   * action has ended or its holder is gone, and records what it finds. When the target cannot be
   * read, the lease runs out and the look is taken again.
   */
  private Future<Completion> settle(Work work) {
    long renewal = vertx.setPeriodic(options.lease().toMillis() / 3, id -> renewLease(work));
    return requests
        .submit(work)
        .compose(request -> committed(actionOf(work), request))
        .transform(
            result -> {
              vertx.cancelTimer(renewal);
              return found(work, result);
            });
  }

  private static Future<Completion> found(
      Work work, AsyncResult<Optional<PromotionAction.Result>> result) {
    if (result.succeeded()) {
      return Future.succeededFuture(Completion.found(work, result.result()));
    }
    if (result.cause() instanceof PromotionFailure) {
      // The target can no longer be read (its application is gone): nothing to wait for.
      return Future.succeededFuture(Completion.found(work, Optional.empty()));
    }
    LOG.warn(
        "looking for the commit of terminated step {} failed, will look again: {}",
        work.idempotencyKey(),
        FailureMessages.describe(result.cause()));
    return Future.failedFuture(result.cause());
  }

  /** What carries out the step's action; an action nothing was given for fails the step. */
  private PromotionAction actionOf(Work work) {
    PromotionAction action = actions.get(work.action());
    return action != null
        ? action
        : request ->
            Future.failedFuture(
                new PromotionFailure("this Baton cannot carry out " + work.action() + " steps"));
  }

  private Future<Optional<PromotionAction.Result>> committed(
      PromotionAction action, PromotionAction.Request request) {
    try {
      return action.committed(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<PromotionAction.Result> promote(
      PromotionAction action, PromotionAction.Request request, int retries) {
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
          return wait.future().compose(v -> promote(action, request, retries + 1));
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
        work.environmentId(),
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
}
