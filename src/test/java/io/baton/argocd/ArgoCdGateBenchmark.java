package io.baton.argocd;

import io.baton.gate.GateCheck;
import io.baton.gate.GateKind;
import io.baton.gate.GateOutcome;
import io.baton.gate.GateSpec;
import io.baton.gate.StepFacts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark, for the ARGOCD gate alone: N steps whose gates wait on one Argo CD server
 * (the stand-in), each checked again at the {@code nextCheck} its gate returns, as the engine will.
 * Prints the list requests per interval while they wait and the time from "all Healthy" until every
 * gate passed. A {@code main()}, not a test: surefire never runs it.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.baton.argocd.ArgoCdGateBenchmark \
 *     [steps=1000] [intervalMillis=1000] [waitingIntervals=5]
 * </pre>
 */
public final class ArgoCdGateBenchmark {
  static final String TOKEN = "bench-token";
  static final String COMMIT = "5d6e7f8a9b0c1d2e3f405162738495a6b7c8d9e0";

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Duration interval = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 1000);
    int waitingIntervals = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Vertx vertx = Vertx.vertx();
    try (ArgoCdStandIn argo = ArgoCdStandIn.start(vertx, TOKEN)) {
      for (int i = 0; i < steps; i++) {
        argo.set("app-" + i, "Synced", COMMIT, "Progressing");
      }
      ArgoCdClient client =
          new ArgoCdClient(vertx, Map.of("127.0.0.1", TOKEN), Duration.ofSeconds(30));
      ArgoCdPoller poller = new ArgoCdPoller(vertx, client, interval);
      ArgoCdGate gate = new ArgoCdGate(client, poller, Duration.ofMinutes(2));
      CountDownLatch passed = new CountDownLatch(steps);
      AtomicInteger failed = new AtomicInteger();
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        new Step(vertx, gate, facts(argo, i), passed, failed).check(new JsonObject());
      }
      Thread.sleep(interval.toMillis() * waitingIntervals);
      int listsWhileWaiting = argo.listRequests();
      double seconds = (System.nanoTime() - start) / 1e9;
      for (int i = 0; i < steps; i++) {
        argo.set("app-" + i, "Synced", COMMIT, "Healthy");
      }
      long healthy = System.nanoTime();
      int listsAtHealthy = argo.listRequests();
      boolean done = passed.await(5 * interval.toMillis() + 30_000, TimeUnit.MILLISECONDS);
      long allPassed = System.nanoTime();
      System.out.printf(
          "steps=%d interval=%s: while waiting %.1f s: %d list requests (%.2f per interval),"
              + " %d single-application requests (%d refreshes, one per step after its commit)%n",
          steps,
          interval,
          seconds,
          listsWhileWaiting,
          listsWhileWaiting / (seconds * 1000 / interval.toMillis()),
          argo.applicationRequests(),
          argo.totalRefreshes());
      System.out.printf(
          "all Healthy -> %s passed in %.0f ms (%.2f intervals), %d more list requests, %d failed%n",
          done ? "all " + steps : (steps - passed.getCount()) + " of " + steps,
          (allPassed - healthy) / 1e6,
          (allPassed - healthy) / 1e6 / interval.toMillis(),
          argo.listRequests() - listsAtHealthy,
          failed.get());
      await(client.close());
    } finally {
      await(vertx.close());
    }
  }

  static StepFacts facts(ArgoCdStandIn argo, int i) {
    return new StepFacts(
        i,
        "bench",
        "qa",
        "1.0." + i,
        Optional.of(COMMIT),
        "bench",
        Optional.of(argo.url()),
        "app-" + i);
  }

  /** One step's gate, checked again at each nextCheck until it passes or fails. */
  record Step(
      Vertx vertx, ArgoCdGate gate, StepFacts facts, CountDownLatch passed, AtomicInteger failed) {
    void check(JsonObject state) {
      GateSpec spec = new GateSpec(GateKind.ARGOCD, null, null, null, null, null, null);
      Instant now = Instant.now();
      gate.check(new GateCheck(spec, facts, now, state, Optional.empty(), List.of(), now))
          .onSuccess(this::next)
          .onFailure(e -> vertx.setTimer(1000, id -> check(state)));
    }

    private void next(GateOutcome outcome) {
      if (outcome instanceof GateOutcome.Passed) {
        passed.countDown();
      } else if (outcome instanceof GateOutcome.Failed) {
        failed.incrementAndGet();
        passed.countDown();
      } else {
        GateOutcome.Waiting waiting = (GateOutcome.Waiting) outcome;
        long delay = Math.max(1, Duration.between(Instant.now(), waiting.nextCheck()).toMillis());
        vertx.setTimer(delay, id -> check(waiting.state()));
      }
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
