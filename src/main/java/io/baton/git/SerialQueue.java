package io.baton.git;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after another, in submission order, without holding a thread while
 * waiting: each task starts when the one before it has finished, whether it succeeded or failed.
 */
final class SerialQueue {
  private Future<Void> tail = Future.succeededFuture();

  synchronized <T> Future<T> submit(Supplier<Future<T>> task) {
    Future<T> result = tail.transform(previous -> task.get());
    tail = result.transform(done -> Future.succeededFuture());
    return result;
  }
}
