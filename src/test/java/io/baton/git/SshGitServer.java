package io.baton.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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
import org.eclipse.jgit.transport.PostReceiveHook;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An SSH Git server on loopback, served by JGit for the bare repository each command names, with a
 * pre- and post-receive hooks of the test's choosing (as a server's hook would refuse a push, or to
 * hold a push before or after the branch moves). It writes the client's key and a known_hosts file
 * that trusts the server into {@code dir}.
 */
final class SshGitServer implements AutoCloseable {
  private final SshServer server;
  private final Path keyFile;
  private final Path knownHosts;

  private SshGitServer(SshServer server, Path keyFile, Path knownHosts) {
    this.server = server;
    this.keyFile = keyFile;
    this.knownHosts = knownHosts;
  }

  static SshGitServer start(Path dir, PreReceiveHook hook) {
    return start(dir, hook, PostReceiveHook.NULL);
  }

  static SshGitServer start(Path dir, PreReceiveHook hook, PostReceiveHook after) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair hostKey = generator.generateKeyPair();
      KeyPair clientKey = generator.generateKeyPair();
      SshServer server = SshServer.setUpDefaultServer();
      server.setHost("127.0.0.1");
      server.setPort(0);
      server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
      server.setPublickeyAuthenticator(
          (user, key, session) -> KeyUtils.compareKeys(key, clientKey.getPublic()));
      server.setCommandFactory((channel, command) -> new GitCommand(command, hook, after));
      server.start();
      Path keyFile = dir.resolve("id_rsa");
      try (OutputStream out = Files.newOutputStream(keyFile)) {
        new OpenSSHKeyPairResourceWriter().writePrivateKey(clientKey, "baton-test", null, out);
      }
      Path knownHosts = dir.resolve("known_hosts");
      Files.writeString(
          knownHosts,
          "[127.0.0.1]:"
              + server.getPort()
              + " "
              + PublicKeyEntry.toString(hostKey.getPublic())
              + "\n");
      return new SshGitServer(server, keyFile, knownHosts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static SshGitServer start(Path dir) {
    return start(dir, PreReceiveHook.NULL);
  }

  int port() {
    return server.getPort();
  }

  Path keyFile() {
    return keyFile;
  }

  Path knownHosts() {
    return knownHosts;
  }

  /** The ssh:// URL of a bare repository on this machine, served by this server. */
  String url(Path bare) {
    return "ssh://git@127.0.0.1:" + port() + bare.toAbsolutePath();
  }

  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** git-upload-pack and git-receive-pack for the bare repository the command names. */
  private static final class GitCommand implements Command {
    private final String command;
    private final PreReceiveHook hook;
    private final PostReceiveHook after;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    GitCommand(String command, PreReceiveHook hook, PostReceiveHook after) {
      this.command = command;
      this.hook = hook;
      this.after = after;
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
          ReceivePack receive = new ReceivePack(repo);
          receive.setPreReceiveHook(hook);
          receive.setPostReceiveHook(after);
          receive.receive(in, out, err);
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
