package io.baton.release;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Runs at most {@code max} tasks at once; the others wait their turn, first come first served.
 * Touched on one context only.
 */
final class ConcurrencyLimit {
  private final int max;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  ConcurrencyLimit(int max) {
    this.max = max;
  }

  <T> Future<T> run(Supplier<Future<T>> task) {
    Promise<T> done = Promise.promise();
    Runnable start =
        () -> {
          running++;
          task.get()
              .onComplete(
                  result -> {
                    running--;
                    startNext();
                    done.handle(result);
                  });
        };
    if (running < max) {
      start.run();
    } else {
      waiting.add(start);
    }
    return done.future();
  }

  private void startNext() {
    if (running < max && !waiting.isEmpty()) {
      waiting.poll().run();
    }
  }
}
