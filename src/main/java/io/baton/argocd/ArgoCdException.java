package io.baton.argocd;

/**
 * Why Baton could not learn an application's status from Argo CD. The message is written for a
 * person and names the server; it never carries Argo CD's own answer, which may echo a token.
 */
public final class ArgoCdException extends RuntimeException {

  /** What went wrong, chosen from the cause's type or the HTTP status, never from a message. */
  public enum Problem {
    /** No connection: refused, unknown host, timed out, TLS failed. */
    UNREACHABLE,
    /** HTTP 401 without a token: none is configured for the server's host. */
    NO_TOKEN,
    /** HTTP 401 with a token: Argo CD does not accept it. */
    TOKEN_REFUSED,
    /** HTTP 403: the token may not read the application, or it does not exist. */
    FORBIDDEN,
    /** HTTP 404, or the application is not in the list. */
    NOT_FOUND,
    /** Any other status than 200. */
    BAD_STATUS,
    /** A 200 whose body is not what Argo CD's API documents, or too large. */
    BAD_RESPONSE,
    /** Too many checks are already waiting on this server. */
    BUSY
  }

  private final Problem problem;

  ArgoCdException(Problem problem, String message) {
    super(message, null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
