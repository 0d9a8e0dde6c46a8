package io.baton.git;

/**
 * A technical Git failure (a remote that does not answer, refuses the credentials, a cache that
 * cannot be written): worth retrying later. The message names the remote (without credentials) and
 * the operation.
 */
public class GitException extends RuntimeException {
  public GitException(String message, Throwable cause) {
    super(message, cause);
  }

  public GitException(String message) {
    super(message);
  }
}
