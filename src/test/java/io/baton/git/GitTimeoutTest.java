package io.baton.git;

import static io.baton.git.GitFixture.app;
import static io.baton.git.GitFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTimeoutTest {
  @TempDir Path temp;

  private Vertx vertx;
  private ServerSocket silent;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  /** A server on loopback that accepts connections and never says a word. */
  @BeforeEach
  void setUp() throws IOException {
    vertx = Vertx.vertx();
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!silent.isClosed()) {
                try {
                  accepted.add(silent.accept());
                } catch (IOException e) {
                  return;
                }
              }
            },
            "silent-git-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void tearDown() throws IOException {
    silent.close();
    for (Socket socket : accepted) {
      socket.close();
    }
    await(vertx.close());
  }

  @Test
  void a_remote_that_never_answers_fails_within_the_configured_timeout() {
    GitRepositories repositories =
        new GitFixture(temp).repositories(vertx, "cache", Duration.ofSeconds(2));
    String url = "http://127.0.0.1:" + silent.getLocalPort() + "/x.git";
    long start = System.nanoTime();
    try {
      assertThatThrownBy(
              () -> await(new GitSourcePinner(repositories).pin(app("silent", url, ""), null)))
          .isInstanceOf(GitException.class)
          .hasMessageContaining("fetching " + url + " failed");
    } finally {
      repositories.close();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(accepted).isNotEmpty();
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(1_900))
        .isLessThan(Duration.ofSeconds(10));
  }
}
