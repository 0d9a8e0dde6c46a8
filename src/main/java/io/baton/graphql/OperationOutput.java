package io.baton.graphql;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where one operation's messages go: its socket. Every method but {@link #onContext} must be called
 * on the socket's event loop.
 */
interface OperationOutput {
  /** Runs {@code task} on the socket's event loop, in the order given. */
  void onContext(Runnable task);

  /** Whether the operation still runs (the client has not completed it, the socket is open). */
  boolean current();

  /** Writes a {@code next} message around {@code payload}; completes once it is written. */
  Future<Void> next(String payload);

  void error(List<?> errors);

  void complete();
}
