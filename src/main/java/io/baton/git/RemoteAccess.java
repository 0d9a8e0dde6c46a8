package io.baton.git;

import io.baton.release.PromotionFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which remotes Baton may contact at all, checked before every operation on a remote (on a worker
 * thread: it resolves host names). Repositories on this machine ({@code file://} or a path) only
 * under the data directory and {@code BATON_GIT_FILE_ROOTS}, so a repoUrl cannot read any
 * repository the server's user can; never a link-local address (169.254.0.0/16, fe80::/10, where
 * clouds answer with the machine's credentials) nor AWS's fd00:ec2::254.
 */
public final class RemoteAccess {
  private static final InetAddress AWS_IPV6_METADATA = literal("fd00:ec2::254");
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/]+@)?([^:/]+):.*");

  private final List<Path> fileRoots;

  /** {@code fileRoots}: the directories whose repositories may be read by path or file://. */
  public RemoteAccess(List<Path> fileRoots) {
    this.fileRoots = fileRoots.stream().map(RemoteAccess::real).toList();
  }

  /** Throws {@link Refused} unless Baton may contact {@code url}. */
  void require(String url) {
    String scheme = GitRemotes.scheme(url);
    switch (scheme) {
      case "file" -> requireUnderRoots(url);
      case "http", "https", "ssh" -> requireHost(url, host(url, scheme));
      default ->
          throw new Refused(
              GitRemotes.redact(url) + " uses " + scheme + "://, which Baton does not read");
    }
  }

  private void requireUnderRoots(String url) {
    Path path = localPath(url).map(RemoteAccess::real).orElse(null);
    if (path == null || fileRoots.stream().noneMatch(path::startsWith)) {
      throw new Refused(
          GitRemotes.redact(url)
              + " is outside the directories Baton may read repositories from (its data"
              + " directory and BATON_GIT_FILE_ROOTS)");
    }
  }

  private static Optional<Path> localPath(String url) {
    try {
      String trimmed = url.trim();
      return Optional.of(
          trimmed.regionMatches(true, 0, "file:", 0, 5)
              ? Path.of(URI.create(trimmed))
              : Path.of(trimmed));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The path with symbolic links resolved where it exists, so a link cannot lead outside. */
  private static Path real(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    try {
      return Files.exists(absolute) ? absolute.toRealPath() : absolute;
    } catch (IOException e) {
      return absolute;
    }
  }

  private static String host(String url, String scheme) {
    String trimmed = url.trim();
    if (scheme.equals("ssh") && !trimmed.contains("://")) {
      Matcher m = SCP_LIKE.matcher(trimmed);
      return m.matches() ? m.group(1) : "";
    }
    try {
      String host = URI.create(trimmed).getHost();
      return host == null ? "" : host;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static void requireHost(String url, String host) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host.replaceAll("^\\[|]$", ""));
    } catch (UnknownHostException e) {
      return; // the operation itself fails, saying the host could not be resolved
    }
    for (InetAddress address : addresses) {
      if (isMetadata(address)) {
        throw new Refused(
            GitRemotes.redact(url)
                + " resolves to "
                + address.getHostAddress()
                + ", a link-local (cloud metadata) address that Baton never contacts");
      }
    }
  }

  public static boolean isMetadata(InetAddress address) {
    return address.isLinkLocalAddress() || AWS_IPV6_METADATA.equals(address);
  }

  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A remote Baton will not contact: the step fails, and is not retried. */
  public static final class Refused extends PromotionFailure {
    Refused(String message) {
      super(message);
    }
  }
}
