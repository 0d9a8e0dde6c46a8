package io.baton.http;

import io.baton.git.RemoteAccess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;

/**
 * Where an outgoing request (an HTTP gate's check, a webhook delivery) goes: its host resolved
 * once, on a worker thread, and the request pinned to that address, so that a second lookup cannot
 * lead elsewhere. A link-local (cloud metadata) address is never contacted.
 */
public record OutboundAddress(InetAddress address) {

  /** Whether Baton refuses to contact it. */
  public boolean refused() {
    return RemoteAccess.isMetadata(address);
  }

  /** Why {@code what} (a URL or a host) is not contacted, for a person to read. */
  public String refusal(String what) {
    return what
        + " resolves to "
        + address.getHostAddress()
        + ", a link-local (cloud metadata) address that Baton never contacts";
  }

  /**
   * Resolves {@code options}' host on a worker thread; unless the address is {@link #refused()},
   * points {@code options} at it.
   */
  public static Future<OutboundAddress> pin(Vertx vertx, RequestOptions options) {
    return vertx
        .executeBlocking(() -> InetAddress.getByName(options.getHost()), false)
        .map(
            address -> {
              OutboundAddress resolved = new OutboundAddress(address);
              if (!resolved.refused()) {
                options.setServer(
                    SocketAddress.inetSocketAddress(options.getPort(), address.getHostAddress()));
              }
              return resolved;
            });
  }
}
