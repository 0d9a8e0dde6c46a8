package io.baton.release;

import io.vertx.core.Context;
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
 * This instance's worker: it claims running steps nobody holds under a lease (new ones, and those
 * whose holder's lease ran out), has {@link StepActions} carry them out, and hands their outcomes
 * to {@link StepOutcomes}. Its state (what it runs, whether a claim is under way) lives on its own
 * context: every entry point hops onto it, and every method that touches the state checks that it
 * runs there.
 */
final class StepWorker {
  private static final Logger LOG = LoggerFactory.getLogger(StepWorker.class);

  private final Context context;
  private final Pool pool;
  private final ReleaseRepository repository;
  private final StepActions actions;
  private final Clock clock;
  private final EngineOptions options;
  private final StepOutcomes outcomes;
  private final Set<String> inFlight = new HashSet<>();
  private boolean claiming;
  private boolean claimAgain;
  private boolean claimWasFull;
  private volatile long timer = -1;
  private volatile boolean stopped;

  StepWorker(
      Context context,
      Pool pool,
      ReleaseRepository repository,
      StepActions actions,
      StepOutcomes outcomes,
      Clock clock,
      EngineOptions options) {
    this.context = context;
    this.pool = pool;
    this.repository = repository;
    this.actions = actions;
    this.outcomes = outcomes;
    this.clock = clock;
    this.options = options;
  }

  /** Claims every {@link EngineOptions#poll()}, and at once. */
  void start() {
    on(
        () -> {
          if (stopped) {
            return;
          }
          // A timer's handler need not run on the context that set it: it hops there.
          timer = context.owner().setPeriodic(options.poll().toMillis(), id -> on(this::claim));
          claim();
        });
  }

  void stop() {
    stopped = true;
    context.owner().cancelTimer(timer);
  }

  /**
   * Steps that started running in a transaction that committed, already leased to this instance.
   */
  void started(List<Work> leased) {
    on(() -> leased.forEach(this::run));
  }

  /** Outcomes that {@link StepOutcomes} wrote, or failed to write. */
  void written(List<Completion> batch) {
    on(
        () -> {
          batch.forEach(c -> inFlight.remove(c.work().inFlightKey()));
          // Steps started by this batch are already leased to us and running; claim only if the
          // last claim left work behind for want of room, which this batch has just made.
          if (claimWasFull) {
            claim();
          }
        });
  }

  /**
   * Looks for steps nobody runs: new ones, and those whose holder's lease ran out (a crashed
   * instance).
   */
  private void claim() {
    confined();
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
              confined();
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
    confined();
    if (stopped || !inFlight.add(work.inFlightKey())) {
      return;
    }
    actions
        .carryOut(work)
        .onComplete(
            result ->
                on(
                    () -> {
                      if (result.succeeded()) {
                        outcomes.add(result.result());
                      } else {
                        inFlight.remove(work.inFlightKey());
                      }
                    }));
  }

  /** Runs {@code task} on this worker's context: at once when already there. */
  private void on(Runnable task) {
    if (Vertx.currentContext() == context) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  private void confined() {
    if (Vertx.currentContext() != context) {
      throw new IllegalStateException(
          "the step worker's state is touched off its context, on " + Thread.currentThread());
    }
  }
}
