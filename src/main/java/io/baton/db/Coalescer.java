package io.baton.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Carries out requests in batches, the way group commit does: a request that arrives while {@code
 * maxInFlight} batches are under way waits, and every request that waited goes in the next batch,
 * up to {@code maxBatch}. Unloaded, a request goes alone and at once, so nothing waits for a batch
 * to fill; loaded, one statement and one commit serve many requests. Safe to call from any thread.
 *
 * @param <I> what a request asks for
 * @param <O> what it is answered with
 */
public final class Coalescer<I, O> {

  /** One request of a batch; the batch's work answers each one, with a value or its own failure. */
  public static final class Request<I, O> {
    private final I input;
    private final Promise<O> answer = Promise.promise();

    private Request(I input) {
      this.input = input;
    }

    public I input() {
      return input;
    }

    public void complete(O value) {
      answer.tryComplete(value);
    }

    public void fail(Throwable failure) {
      answer.tryFail(failure);
    }
  }

  private final int maxBatch;
  private final int maxInFlight;
  private final Function<List<Request<I, O>>, Future<Void>> work;
  private final Deque<Request<I, O>> waiting = new ArrayDeque<>();
  private int inFlight;

  /**
   * {@code work} answers every request of the batch it is given; requests it leaves unanswered fail
   * with the cause of its future's failure (or, if it succeeded, as a bug).
   */
  public Coalescer(
      int maxBatch, int maxInFlight, Function<List<Request<I, O>>, Future<Void>> work) {
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.work = work;
  }

  public Future<O> submit(I input) {
    Request<I, O> request = new Request<>(input);
    synchronized (waiting) {
      waiting.add(request);
    }
    drain();
    return request.answer.future();
  }

  private void drain() {
    while (true) {
      List<Request<I, O>> batch;
      synchronized (waiting) {
        if (inFlight >= maxInFlight || waiting.isEmpty()) {
          return;
        }
        inFlight++;
        batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
        while (!waiting.isEmpty() && batch.size() < maxBatch) {
          batch.add(waiting.poll());
        }
      }
      Future<Void> done;
      try {
        done = work.apply(batch);
      } catch (RuntimeException e) {
        done = Future.failedFuture(e);
      }
      done.onComplete(
          result -> {
            Throwable cause =
                result.failed()
                    ? result.cause()
                    : new IllegalStateException("a batch left a request unanswered");
            batch.forEach(request -> request.fail(cause));
            synchronized (waiting) {
              inFlight--;
            }
            drain();
          });
    }
  }
}
