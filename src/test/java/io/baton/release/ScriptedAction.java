package io.baton.release;

import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the Git promotion while tests exercise the engine's own semantics: per target
 * environment it succeeds, fails, or hangs until the test lets it go. It records every request it
 * gets.
 */
final class ScriptedAction implements PromotionAction, SourcePinner {
  enum Behaviour {
    SUCCEED,
    FAIL,
    HANG
  }

  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final String VERSION = "2.0.0";

  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Promise<Result>> hanging = new CopyOnWriteArrayList<>();

  /**
   * Pins wait for this: a test holds them to line triggers up, or to change the catalog under them.
   */
  volatile Future<Void> pinGate = Future.succeededFuture();

  final AtomicInteger pins = new AtomicInteger();

  ScriptedAction on(String environment, Behaviour behaviour) {
    behaviours.put(environment, behaviour);
    return this;
  }

  /** Lets every hanging promotion finish successfully (late, for fencing tests). */
  void releaseHanging() {
    hanging.forEach(
        p -> p.tryComplete(new Result("late" + COMMIT.substring(4), VERSION, true, "late")));
  }

  long requestsFor(String environment) {
    return requests.stream().filter(r -> r.targetEnvironment().equals(environment)).count();
  }

  @Override
  public Future<Result> promote(Request request) {
    requests.add(request);
    Behaviour behaviour = behaviours.getOrDefault(request.targetEnvironment(), Behaviour.SUCCEED);
    return switch (behaviour) {
      case SUCCEED ->
          Future.succeededFuture(
              new Result(
                  "c0ffee" + request.releaseId() + request.targetEnvironment(),
                  VERSION,
                  true,
                  "promoted " + VERSION));
      case FAIL ->
          Future.failedFuture(
              new PromotionFailure("repository " + request.target().repoUrl() + " is broken"));
      case HANG -> {
        Promise<Result> promise = Promise.promise();
        hanging.add(promise);
        yield promise.future();
      }
    };
  }

  @Override
  public Future<Snapshot> pin(Application source, PromotionTemplate template) {
    pins.incrementAndGet();
    return pinGate.map(v -> new Snapshot(COMMIT, VERSION));
  }
}
