package io.baton.release;

import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The seam between the engine and what a step does. The engine calls {@link #promote} for a step of
 * action COMMIT; the product's implementation is the Git promotion, tests plug in their own.
 *
 * <p>An action may run again for the same step after a crash or a retry: {@link
 * Request#idempotencyKey()} is stable for one attempt of one step (release, environment, attempt),
 * and running the same request twice must not change anything the second time.
 *
 * <p>The returned future fails with {@link PromotionFailure} when the promotion cannot succeed as
 * things are (the step fails with its message); any other failure is treated as technical and may
 * be retried.
 */
public interface PromotionAction {

  Future<Result> promote(Request request);

  /**
   * The commit an attempt of this step already made in the target, found without making one; empty
   * when there is none. Asked about a step terminated while its action may have been pushing, once
   * that action has ended or its holder is gone, so the step records what reached the target. The
   * default suits an action that makes no commits of its own: it finds none.
   */
  default Future<Optional<Result>> committed(Request request) {
    return Future.succeededFuture(Optional.empty());
  }

  /** What to promote: the pinned source snapshot, into the target application. */
  record Request(
      String idempotencyKey,
      long releaseId,
      long environmentId,
      int attempt,
      String product,
      String sourceEnvironment,
      String targetEnvironment,
      Application source,
      String sourceCommit,
      Application target,
      PromotionTemplate template,
      Fence fence) {}

  /**
   * Whether the attempt is still its step's running one (not terminated, not taken over). An action
   * asks just before a side effect it cannot take back, such as a push: once the answer is no, it
   * must not make one.
   */
  @FunctionalInterface
  interface Fence {
    Fence OPEN = () -> Future.succeededFuture(true);

    Future<Boolean> isCurrent();
  }

  /**
   * What a promotion did: the commit now at the head of the target's branch (the promotion's own,
   * or the existing head when nothing had to change), the version now in the target, and a message
   * for people; or that the step waits for what the action started ({@link #waiting}).
   */
  record Result(
      String commitSha, String version, boolean changed, String message, boolean waiting) {
    public Result(String commitSha, String version, boolean changed, String message) {
      this(commitSha, version, changed, message, false);
    }

    /**
     * The action started something that ends later (a pull request to be merged): the step waits
     * SUSPENDED with {@code message} until {@link ReleaseService#actionCompleted} or {@link
     * ReleaseService#actionFailed} says how it ended.
     */
    public static Result waiting(String version, String message) {
      return new Result(null, version, false, message, true);
    }
  }
}
