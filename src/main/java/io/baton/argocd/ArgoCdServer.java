package io.baton.argocd;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An Argo CD server as an environment's {@code argocdServer} names it: a base URL such as {@code
 * https://argocd.example.com} or {@code http://argo.internal:8080/argo-cd} (a server run with a
 * root path). Two spellings of one server are one server: batching is per server.
 *
 * @param path the root path, without a trailing slash; empty for the server's root
 */
public record ArgoCdServer(boolean ssl, String host, int port, boolean explicitPort, String path) {

  /**
   * @throws IllegalArgumentException when {@code baseUrl} is not an http(s) URL with a host, or
   *     carries credentials (they belong in {@code BATON_ARGOCD_TOKENS})
   */
  public static ArgoCdServer parse(String baseUrl) {
    URI uri = uri(baseUrl.trim());
    String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("an Argo CD server is an http:// or https:// URL");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("an Argo CD server URL needs a host");
    }
    if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          "an Argo CD server URL is scheme://host[:port][/path], with no credentials, query or"
              + " fragment: its token goes in BATON_ARGOCD_TOKENS");
    }
    boolean ssl = scheme.equals("https");
    boolean explicitPort = uri.getPort() != -1;
    String path = Optional.ofNullable(uri.getRawPath()).orElse("").replaceAll("/+$", "");
    return new ArgoCdServer(
        ssl,
        uri.getHost().toLowerCase(Locale.ROOT),
        explicitPort ? uri.getPort() : ssl ? 443 : 80,
        explicitPort,
        path);
  }

  /** The token for this server: for {@code host:port} if there is one, else for {@code host}. */
  Optional<String> token(Map<String, String> tokens) {
    if (explicitPort && tokens.containsKey(host + ":" + port)) {
      return Optional.of(tokens.get(host + ":" + port));
    }
    return Optional.ofNullable(tokens.get(host));
  }

  /** The base URL, as messages show it. */
  @Override
  public String toString() {
    return (ssl ? "https://" : "http://") + host + (explicitPort ? ":" + port : "") + path;
  }

  private static URI uri(String baseUrl) {
    try {
      return new URI(baseUrl);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "an Argo CD server is a URL such as https://argocd.example.com");
    }
  }
}
