package io.baton.git;

import io.baton.product.RepoUrl;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * How Baton reaches remotes: a timeout on every network operation, a token per host for https, and
 * a key (and optionally a known_hosts file) for ssh. File URLs and plain paths need nothing.
 */
public final class GitRemotes implements AutoCloseable {
  /**
   * The user name sent with a token when none is configured; GitHub, GitLab and Gitea accept any.
   */
  static final String TOKEN_USER = "x-access-token";

  private final Map<String, String> tokens;
  private final Optional<Path> sshKey;
  private final Optional<Path> knownHosts;
  private final Duration timeout;
  private final RemoteAccess access;
  private SshdSessionFactory ssh;

  /**
   * @param tokens per host ({@code github.com} or {@code git.example.com:8443}): a token, or {@code
   *     user:token}
   */
  public GitRemotes(
      Map<String, String> tokens,
      Optional<Path> sshKey,
      Optional<Path> knownHosts,
      Duration timeout,
      RemoteAccess access) {
    this.tokens = Map.copyOf(tokens);
    this.sshKey = sshKey;
    this.knownHosts = knownHosts;
    this.timeout = timeout;
    this.access = access;
  }

  /** Network remotes only: no repository on this machine may be read. */
  public GitRemotes(
      Map<String, String> tokens,
      Optional<Path> sshKey,
      Optional<Path> knownHosts,
      Duration timeout) {
    this(tokens, sshKey, knownHosts, timeout, new RemoteAccess(List.of()));
  }

  /** No credentials; repositories on this machine under {@code fileRoots}. */
  public static GitRemotes local(Duration timeout, Path... fileRoots) {
    return new GitRemotes(
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        timeout,
        new RemoteAccess(List.of(fileRoots)));
  }

  /**
   * Throws {@link RemoteAccess.Refused} unless Baton may contact {@code url}; blocking (it resolves
   * the host).
   */
  void requireAllowed(String url) {
    access.require(url);
  }

  Duration timeout() {
    return timeout;
  }

  /** Sets the timeout and the credentials for {@code url} on a fetch, push or ls-remote. */
  <C extends TransportCommand<C, ?>> C configure(C command, String url) {
    command.setTimeout(timeoutSeconds());
    String scheme = scheme(url);
    if (scheme.equals("https") || scheme.equals("http")) {
      token(url).ifPresent(token -> command.setCredentialsProvider(credentials(token)));
    } else if (scheme.equals("ssh")) {
      SshdSessionFactory factory = sshFactory();
      command.setTransportConfigCallback(
          transport -> {
            if (transport instanceof SshTransport sshTransport) {
              sshTransport.setSshSessionFactory(factory);
            }
          });
    }
    return command;
  }

  int timeoutSeconds() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
  }

  Optional<String> token(String url) {
    try {
      URI uri = URI.create(url);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      String withPort = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
      return Optional.ofNullable(tokens.getOrDefault(withPort, tokens.get(host)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static UsernamePasswordCredentialsProvider credentials(String token) {
    int colon = token.indexOf(':');
    return colon > 0
        ? new UsernamePasswordCredentialsProvider(
            token.substring(0, colon), token.substring(colon + 1))
        : new UsernamePasswordCredentialsProvider(TOKEN_USER, token);
  }

  private synchronized SshdSessionFactory sshFactory() {
    if (ssh == null) {
      File home = FS.DETECTED.userHome();
      SshdSessionFactoryBuilder builder =
          new SshdSessionFactoryBuilder()
              .setHomeDirectory(home)
              .setSshDirectory(new File(home, ".ssh"));
      sshKey.ifPresent(key -> builder.setDefaultIdentities(dir -> List.of(key)));
      knownHosts.ifPresent(file -> builder.setDefaultKnownHostsFiles(dir -> List.of(file)));
      ssh = builder.build(null);
    }
    return ssh;
  }

  static String scheme(String url) {
    String u = url.trim().toLowerCase(Locale.ROOT);
    int sep = u.indexOf("://");
    if (sep > 0) {
      return u.substring(0, sep);
    }
    return u.matches("[\\w.-]+@[\\w.-]+:.*") ? "ssh" : "file";
  }

  /**
   * The URL without secrets, for messages and logs: no user info at all for http(s) (a token often
   * stands in the user's place there), no password for the others ({@code ssh://git@host} keeps its
   * {@code git@}).
   */
  static String redact(String url) {
    return RepoUrl.redact(url);
  }

  @Override
  public synchronized void close() {
    if (ssh != null) {
      ssh.close();
      ssh = null;
    }
  }
}
