package io.baton.trigger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The watcher's passes, one at a time: a pass asked for while one runs waits for it, and every pass
 * asked for meanwhile joins the one waiting (the remotes it names are added to it), so ticks and
 * wakes never pile up.
 */
final class Passes {
  private final Function<Set<String>, Future<Void>> pass;
  private Future<Void> running = Future.succeededFuture();
  private Waiting waiting;

  /** {@code pass}: looks at the remotes named (normalized URLs), or at all with null. */
  Passes(Function<Set<String>, Future<Void>> pass) {
    this.pass = pass;
  }

  /** A pass over {@code remotes} (null: every remote); completes when that pass has run. */
  synchronized Future<Void> submit(Set<String> remotes) {
    if (waiting != null) {
      waiting.include(remotes);
      return waiting.done.future();
    }
    Waiting next = new Waiting(remotes);
    waiting = next;
    Future<Void> previous = running;
    running = next.done.future().recover(failure -> Future.succeededFuture());
    previous.onComplete(v -> run(next));
    return next.done.future();
  }

  /** Completes once the pass running and any pass waiting have run. */
  synchronized Future<Void> idle() {
    return running;
  }

  private void run(Waiting next) {
    Set<String> remotes;
    synchronized (this) {
      if (waiting == next) {
        waiting = null;
      }
      remotes = next.remotes;
    }
    Future<Void> done;
    try {
      done = pass.apply(remotes);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(next.done);
  }

  private static final class Waiting {
    final Promise<Void> done = Promise.promise();
    Set<String> remotes;

    Waiting(Set<String> remotes) {
      this.remotes = remotes == null ? null : new HashSet<>(remotes);
    }

    void include(Set<String> more) {
      if (remotes == null) {
        return;
      }
      if (more == null) {
        remotes = null;
      } else {
        remotes.addAll(more);
      }
    }
  }
}
