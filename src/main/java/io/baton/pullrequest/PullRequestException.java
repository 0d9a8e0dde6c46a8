package io.baton.pullrequest;

/**
 * A provider's API did not answer as documented, or refused: a technical failure (the action is
 * retried, the watcher asks again later), carrying the repository and what happened.
 */
public final class PullRequestException extends RuntimeException {
  private final int status;

  public PullRequestException(String message, int status) {
    super(message);
    this.status = status;
  }

  public PullRequestException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** The HTTP status of the provider's answer; 0 when there was none. */
  public int status() {
    return status;
  }
}
