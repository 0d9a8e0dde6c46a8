package io.baton.git;

import io.baton.product.RepoUrl;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.errors.TransportException;

/**
 * What went wrong talking to a remote, told from the failure's type and never from its message: a
 * remote's answer (an internal service's page, a server's error text) is the remote's to know, not
 * the reader's, and the URL in JGit's messages may carry credentials.
 */
final class RemoteFailure {
  private RemoteFailure() {}

  /** A short reason, e.g. {@code the connection was refused}. */
  static String reason(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      String reason = reasonOf(cause);
      if (reason != null) {
        return reason;
      }
    }
    return failure instanceof TransportException || hasCause(failure, TransportException.class)
        ? "the remote refused the request (not signed in, not permitted, or a server error)"
        : "the remote could not be read";
  }

  private static String reasonOf(Throwable cause) {
    if (cause instanceof UnknownHostException) {
      return "the host name could not be resolved";
    }
    if (cause instanceof ConnectException) {
      return "the connection was refused";
    }
    if (cause instanceof NoRouteToHostException) {
      return "the host is unreachable";
    }
    if (cause instanceof InterruptedIOException) {
      return "the remote did not answer in time";
    }
    if (cause instanceof SSLException) {
      return "the TLS connection could not be established";
    }
    if (cause instanceof NoRemoteRepositoryException || cause instanceof InvalidRemoteException) {
      return "there is no Git repository at this URL";
    }
    if (cause instanceof PackProtocolException) {
      return "the remote did not answer as a Git server";
    }
    return null;
  }

  /** For the server's log: each cause's type and message, with the secrets of any URL removed. */
  static String detail(Throwable failure) {
    StringBuilder out = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      out.append(out.isEmpty() ? "" : " <- ")
          .append(cause.getClass().getSimpleName())
          .append(": ")
          .append(RepoUrl.redact(String.valueOf(cause.getMessage())));
    }
    return out.toString();
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable next(Throwable cause) {
    return cause.getCause() == cause ? null : cause.getCause();
  }
}
