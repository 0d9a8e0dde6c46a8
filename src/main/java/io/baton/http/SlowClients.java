package io.baton.http;

import io.netty.handler.codec.PrematureChannelClosureException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes the HTTP connections of clients that hold a socket without using it: one that does not
 * send a whole request (head and body) within the header timeout, or sends nothing more on a
 * connection kept alive. Vert.x has no such timeout of its own; its idle timeout (which Baton also
 * sets) fires only when nothing at all moves, so a client that dribbles a byte now and then, or
 * never finishes its request, would keep the socket forever. A request being answered is never cut
 * here, however long it takes; a WebSocket is not watched once upgraded (its handler pings it).
 *
 * <p>Each connection is looked at once per timeout: it is closed at the second look that finds no
 * new request head and no request being answered, so between one and two timeouts after it went
 * quiet.
 */
public final class SlowClients {
  private final Vertx vertx;
  private final Duration timeout;
  private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

  private SlowClients(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeout = timeout;
  }

  /** {@code server}, with {@code requests} as its request handler and its connections watched. */
  public static HttpServer watch(
      Vertx vertx, HttpServer server, Handler<HttpServerRequest> requests, Duration timeout) {
    SlowClients clients = new SlowClients(vertx, timeout);
    return server
        .connectionHandler(clients::opened)
        .invalidRequestHandler(SlowClients::invalid)
        .requestHandler(
            request -> {
              clients.headArrived(request);
              requests.handle(request);
            });
  }

  /**
   * A request cut short by the connection closing (ours or the client's) reaches here as an invalid
   * one: answering it, as Vert.x does by default, would count it as a request answered on a
   * connection that is gone, and the active-requests metric would never come down again. Left
   * alone, it is counted as reset once the close goes through.
   */
  private static void invalid(HttpServerRequest request) {
    if (!(request.decoderResult().cause() instanceof PrematureChannelClosureException)) {
      HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
    }
  }

  private void opened(HttpConnection connection) {
    Watch watch = new Watch(connection);
    watches.put(connection, watch);
    connection.closeHandler(v -> stop(watch));
  }

  private void headArrived(HttpServerRequest request) {
    Watch watch = watches.get(request.connection());
    if (watch == null) {
      return;
    }
    if ("websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
      stop(watch);
      return;
    }
    watch.headArrived(request);
  }

  private void stop(Watch watch) {
    vertx.cancelTimer(watch.timer);
    watches.remove(watch.connection);
  }

  /** One connection's last request, and whether a head arrived since the last look. */
  private final class Watch {
    private final HttpConnection connection;
    private final long timer;
    private HttpServerRequest last;
    private boolean headSinceLastLook;

    Watch(HttpConnection connection) {
      this.connection = connection;
      this.timer = vertx.setPeriodic(timeout.toMillis(), id -> look());
    }

    void headArrived(HttpServerRequest request) {
      last = request;
      headSinceLastLook = true;
    }

    private void look() {
      boolean fresh = headSinceLastLook;
      headSinceLastLook = false;
      if (fresh || isBeingAnswered()) {
        return;
      }
      stop(this);
      connection.close();
    }

    /** A request fully received whose response has not ended yet. */
    private boolean isBeingAnswered() {
      return last != null && last.isEnded() && !last.response().ended();
    }
  }
}
