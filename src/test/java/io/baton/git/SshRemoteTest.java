package io.baton.git;

import static io.baton.git.GitFixture.await;
import static io.baton.git.GitFixture.head;
import static io.baton.git.GitFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.product.Application;
import io.baton.release.PromotionAction.Result;
import io.baton.release.SourcePinner.Snapshot;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssh:// remotes with a configured key and known_hosts, against an SSH Git server on loopback. */
class SshRemoteTest {
  @TempDir Path temp;

  private Vertx vertx;
  private SshGitServer server;
  private Path keyFile;
  private Path knownHosts;
  private Map<String, String> demo;

  @BeforeEach
  void startServer() {
    vertx = Vertx.vertx();
    demo = DemoRepositories.create(temp.resolve("data"));
    server = SshGitServer.start(temp);
    keyFile = server.keyFile();
    knownHosts = server.knownHosts();
  }

  @AfterEach
  void stopServer() {
    server.close();
    await(vertx.close());
  }

  private String sshUrl(String env) {
    return server.url(GitFixture.pathOf(demo.get(env)));
  }

  private GitRepositories repositories(Path key, Path hosts) {
    GitRemotes remotes =
        new GitRemotes(Map.of(), Optional.of(key), Optional.of(hosts), Duration.ofSeconds(10));
    return new GitRepositories(
        vertx, temp.resolve("cache-" + System.nanoTime()), remotes, Clock.systemUTC());
  }

  @Test
  void pins_and_promotes_over_ssh_with_the_configured_key() {
    GitRepositories repositories = repositories(keyFile, knownHosts);
    try {
      Application dev = GitFixture.app("demo-trioapp-dev", sshUrl("dev"), "");
      Application qa = GitFixture.app("demo-trioapp-qa", sshUrl("qa"), "");

      Snapshot pinned =
          await(new GitSourcePinner(repositories).pin(dev, DemoRepositories.TEMPLATE));
      Result result =
          await(
              new GitPromotionAction(
                      vertx, repositories, GitAuthor.DEFAULT, Clock.systemUTC(), null)
                  .promote(
                      GitFixture.request(
                          1, 1, dev, pinned.commit(), "dev", qa, "qa", DemoRepositories.TEMPLATE)));

      Path qaRepo = GitFixture.pathOf(demo.get("qa"));
      assertThat(pinned.version()).isEqualTo(DemoRepositories.DEV_TAG);
      assertThat(result.commitSha()).isEqualTo(head(qaRepo));
      assertThat(read(qaRepo, "values.yaml")).contains("tag: \"1.1.0\"");
    } finally {
      repositories.close();
    }
  }

  @Test
  void refuses_a_host_whose_key_is_not_known() throws IOException {
    Path empty = Files.writeString(temp.resolve("empty_known_hosts"), "");
    GitRepositories repositories = repositories(keyFile, empty);
    try {
      Application dev = GitFixture.app("demo-trioapp-dev", sshUrl("dev"), "");

      assertThatThrownBy(
              () -> await(new GitSourcePinner(repositories).pin(dev, DemoRepositories.TEMPLATE)))
          .isInstanceOf(GitException.class)
          .hasMessageContaining("fetching ssh://git@127.0.0.1:" + server.port());
    } finally {
      repositories.close();
    }
  }
}
