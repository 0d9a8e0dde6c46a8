package io.baton.pullrequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which provider serves the pull requests of a repository, at which API, with which token: {@code
 * BATON_GIT_PROVIDERS}, comma-separated {@code host=kind} or {@code host=kind:apiUrl} entries
 * ({@code github.com=github,git.example.com=gitea:https://git.example.com/api/v1}); a key with
 * {@code ://} is a URL prefix rather than a host. Tokens come from {@code BATON_GIT_TOKENS}, by the
 * API's host, else by the repository's.
 */
public final class ProviderHosts {
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/]+@)?([^:/]+):(.*)$");

  /** One entry: repositories under {@code key} are served by {@code kind} at {@code apiUrl}. */
  record Entry(String key, ProviderKind kind, String apiUrl) {
    boolean isPrefix() {
      return key.contains("://");
    }
  }

  /** A repository's provider and its place there. */
  public record Target(ProviderKind kind, ProviderRepository repository) {}

  private final List<Entry> entries;
  private final Map<String, String> tokens;

  ProviderHosts(List<Entry> entries, Map<String, String> tokens) {
    this.entries = List.copyOf(entries);
    this.tokens = Map.copyOf(tokens);
  }

  /**
   * @param spec {@code BATON_GIT_PROVIDERS}
   * @param tokens {@code BATON_GIT_TOKENS}, per host
   */
  public static ProviderHosts parse(String spec, Map<String, String> tokens) {
    List<Entry> entries = new ArrayList<>();
    for (String item : spec.split(",")) {
      String entry = item.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals <= 0 || equals == entry.length() - 1) {
        throw new IllegalArgumentException(
            "BATON_GIT_PROVIDERS entry \""
                + entry
                + "\" is not host=kind or host=kind:apiUrl (kind: github, gitlab, gitea, forgejo,"
                + " bitbucket)");
      }
      String key = entry.substring(0, equals).trim().toLowerCase(Locale.ROOT);
      String value = entry.substring(equals + 1).trim();
      int colon = value.indexOf(':');
      ProviderKind kind = ProviderKind.parse(colon < 0 ? value : value.substring(0, colon));
      String api = colon < 0 ? defaultApi(kind, key) : stripSlash(value.substring(colon + 1));
      entries.add(new Entry(key, kind, api));
    }
    return new ProviderHosts(entries, tokens);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The provider of {@code repoUrl}; empty when none is configured for it. */
  public Optional<Target> resolve(String repoUrl) {
    for (Entry entry : entries) {
      Optional<String> path = pathUnder(entry, repoUrl);
      if (path.isPresent() && !path.get().isEmpty()) {
        return Optional.of(
            new Target(
                entry.kind(), new ProviderRepository(entry.apiUrl(), path.get(), token(entry))));
      }
    }
    return Optional.empty();
  }

  /** The token for the API at {@code apiUrl}: by its host, else by its entry's host. */
  Optional<String> token(String apiUrl) {
    for (Entry entry : entries) {
      if (entry.apiUrl().equals(apiUrl)) {
        return token(entry);
      }
    }
    return Optional.ofNullable(tokens.get(hostOf(apiUrl)));
  }

  private Optional<String> token(Entry entry) {
    String byApi = tokens.get(hostOf(entry.apiUrl()));
    if (byApi != null || entry.isPrefix()) {
      return Optional.ofNullable(byApi);
    }
    return Optional.ofNullable(tokens.get(entry.key()));
  }

  private static Optional<String> pathUnder(Entry entry, String repoUrl) {
    if (entry.isPrefix()) {
      return repoUrl.toLowerCase(Locale.ROOT).startsWith(entry.key())
          ? Optional.of(clean(repoUrl.substring(entry.key().length())))
          : Optional.empty();
    }
    Matcher scp = SCP_LIKE.matcher(repoUrl);
    if (!repoUrl.contains("://") && scp.matches()) {
      return entry.key().equals(scp.group(1).toLowerCase(Locale.ROOT))
          ? Optional.of(clean(scp.group(2)))
          : Optional.empty();
    }
    try {
      URI uri = URI.create(repoUrl);
      if (uri.getHost() == null) {
        return Optional.empty();
      }
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      boolean matches =
          entry.key().equals(host)
              || (uri.getPort() > 0 && entry.key().equals(host + ":" + uri.getPort()));
      return matches ? Optional.of(clean(uri.getPath())) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String clean(String path) {
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    p = stripSlash(p);
    return p.endsWith(".git") ? p.substring(0, p.length() - 4) : p;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String defaultApi(ProviderKind kind, String host) {
    return switch (kind) {
      case GITHUB ->
          host.equals("github.com") ? "https://api.github.com" : "https://" + host + "/api/v3";
      case GITLAB -> "https://" + host + "/api/v4";
      case GITEA -> "https://" + host + "/api/v1";
      case BITBUCKET -> "https://api.bitbucket.org/2.0";
    };
  }

  static String hostOf(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null) {
        return "";
      }
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      return uri.getPort() > 0 ? host + ":" + uri.getPort() : host;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
