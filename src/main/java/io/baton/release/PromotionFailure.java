package io.baton.release;

/**
 * A promotion that cannot succeed as things are (a missing file, a broken repository, a path that
 * matches nothing): the step fails with this message and is not retried until a person retries the
 * release.
 */
public class PromotionFailure extends RuntimeException {
  public PromotionFailure(String message) {
    super(message, null, false, false);
  }

  public PromotionFailure(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
