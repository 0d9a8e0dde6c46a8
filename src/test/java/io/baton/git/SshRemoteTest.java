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
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssh:// remotes with a configured key and known_hosts, against an SSH Git server on loopback. */
class SshRemoteTest {
  @TempDir Path temp;

  private Vertx vertx;
  private SshServer server;
  private KeyPair hostKey;
  private KeyPair clientKey;
  private Path keyFile;
  private Path knownHosts;
  private Map<String, String> demo;

  @BeforeEach
  void startServer() throws Exception {
    vertx = Vertx.vertx();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    hostKey = generator.generateKeyPair();
    clientKey = generator.generateKeyPair();
    demo = DemoRepositories.create(temp.resolve("data"));

    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator(
        (user, key, session) -> KeyUtils.compareKeys(key, clientKey.getPublic()));
    server.setCommandFactory((channel, command) -> new GitCommand(command));
    server.start();

    keyFile = temp.resolve("id_rsa");
    try (OutputStream out = Files.newOutputStream(keyFile)) {
      new OpenSSHKeyPairResourceWriter().writePrivateKey(clientKey, "baton-test", null, out);
    }
    knownHosts = temp.resolve("known_hosts");
    Files.writeString(
        knownHosts,
        "[127.0.0.1]:"
            + server.getPort()
            + " "
            + PublicKeyEntry.toString(hostKey.getPublic())
            + "\n");
  }

  @AfterEach
  void stopServer() throws IOException {
    server.stop(true);
    await(vertx.close());
  }

  private String sshUrl(String env) {
    return "ssh://git@127.0.0.1:" + server.getPort() + GitFixture.pathOf(demo.get(env));
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
          .hasMessageContaining("fetching ssh://git@127.0.0.1:" + server.getPort());
    } finally {
      repositories.close();
    }
  }

  /**
   * git-upload-pack and git-receive-pack, served by JGit for the bare repository the command names.
   */
  private static final class GitCommand implements Command {
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    GitCommand(String command) {
      this.command = command;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread worker = new Thread(this::serve, "test-ssh-git");
      worker.setDaemon(true);
      worker.start();
    }

    private void serve() {
      String[] parts = command.split(" ", 2);
      Path path = Path.of(parts[1].replace("'", ""));
      try (Repository repo = DemoRepositories.openBare(path)) {
        if (parts[0].equals("git-upload-pack")) {
          new UploadPack(repo).upload(in, out, err);
        } else {
          new ReceivePack(repo).receive(in, out, err);
        }
        out.flush();
        exit.onExit(0);
      } catch (Exception e) {
        exit.onExit(1, String.valueOf(e.getMessage()));
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }
  }
}
