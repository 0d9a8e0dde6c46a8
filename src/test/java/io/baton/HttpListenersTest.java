package io.baton;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Baton serves HTTP and WebSockets from one server per core, each on an event loop of its own: two
 * on one loop would put every connection they share out on one core.
 */
class HttpListenersTest {
  @Test
  void the_http_servers_serve_from_one_event_loop_per_core() {
    try (TestServer server = TestServer.start()) {
      assertThat(server.baton().httpEventLoops())
          .isEqualTo(Runtime.getRuntime().availableProcessors());
    }
  }
}
