package io.baton.git;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs blocking work one piece at a time, in the order it was asked for, on worker threads. Work
 * asked for while a piece runs is taken by the same worker as soon as that piece ends, so a burst
 * (300 pins of one repository) runs back to back: the worker does not wait between two pieces for
 * an event loop that is busy answering the requests that asked for them. Each answer is given on
 * the context that asked. A worker gives its thread back after about {@link #TURN}, and another one
 * goes on with what is left.
 */
final class WorkQueue {
  static final Duration TURN = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final Deque<Piece<?>> waiting = new ArrayDeque<>();
  private boolean working;

  WorkQueue(Vertx vertx) {
    this.vertx = vertx;
  }

  <T> Future<T> submit(Callable<T> work) {
    Piece<T> piece = new Piece<>(work, vertx.getOrCreateContext());
    boolean start;
    synchronized (waiting) {
      waiting.add(piece);
      start = !working;
      working = true;
    }
    if (start) {
      startWorker();
    }
    return piece.answer.future();
  }

  private void startWorker() {
    Future<Void> started;
    try {
      started = vertx.executeBlocking(this::work, false);
    } catch (RuntimeException refused) {
      started = Future.failedFuture(refused);
    }
    started.onFailure(this::refuseAll);
  }

  /** No worker could be had (Vert.x is closing): every waiting piece fails with that reason. */
  private void refuseAll(Throwable reason) {
    List<Piece<?>> refused;
    synchronized (waiting) {
      refused = new ArrayList<>(waiting);
      waiting.clear();
      working = false;
    }
    refused.forEach(piece -> piece.refuse(reason));
  }

  /** Runs waiting pieces until none is left or the turn is over. */
  private Void work() {
    long until = System.nanoTime() + TURN.toNanos();
    while (true) {
      Piece<?> next;
      synchronized (waiting) {
        next = waiting.poll();
        if (next == null) {
          working = false;
          return null;
        }
      }
      next.run();
      if (System.nanoTime() - until > 0) {
        startWorker();
        return null;
      }
    }
  }

  private static final class Piece<T> {
    final Callable<T> work;
    final Context context;
    final Promise<T> answer = Promise.promise();

    Piece(Callable<T> work, Context context) {
      this.work = work;
      this.context = context;
    }

    void run() {
      try {
        T value = work.call();
        context.runOnContext(v -> answer.complete(value));
      } catch (Throwable failure) {
        refuse(failure);
      }
    }

    void refuse(Throwable failure) {
      try {
        context.runOnContext(v -> answer.fail(failure));
      } catch (RuntimeException closed) {
        answer.fail(failure);
      }
    }
  }
}
