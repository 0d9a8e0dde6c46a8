package io.baton.http;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why an outgoing HTTP request (an HTTP gate's check, Argo CD, a webhook delivery) got no answer,
 * told by the type of its error or of a cause, in words a person can act on.
 */
public enum ConnectionFailure {
  TIMED_OUT("timed out"),
  REFUSED("connection refused"),
  UNKNOWN_HOST("the host name is not known"),
  TLS("the TLS handshake failed"),
  CLOSED("the connection was closed");

  private final String text;

  ConnectionFailure(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** The first error in {@code error}'s cause chain that says why; empty when none does. */
  public static Optional<ConnectionFailure> of(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      Optional<ConnectionFailure> failure = ofOne(e);
      if (failure.isPresent()) {
        return failure;
      }
    }
    return Optional.empty();
  }

  private static Optional<ConnectionFailure> ofOne(Throwable error) {
    if (error instanceof ConnectTimeoutException || error instanceof TimeoutException) {
      return Optional.of(TIMED_OUT);
    }
    if (error instanceof ConnectException) {
      return Optional.of(REFUSED);
    }
    if (error instanceof UnknownHostException) {
      return Optional.of(UNKNOWN_HOST);
    }
    if (error instanceof SSLException) {
      return Optional.of(TLS);
    }
    if (error instanceof HttpClosedException) {
      return Optional.of(CLOSED);
    }
    return Optional.empty();
  }
}
