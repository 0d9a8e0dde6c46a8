package io.baton.trigger;

import java.util.Locale;

/**
 * One spelling for the many URLs of a repository, so that a push naming it one way wakes the
 * watcher for applications that name it another: {@code https://github.com/o/r.git}, {@code
 * git@github.com:o/r}, {@code ssh://git@github.com/o/r} and {@code http://GitHub.com/o/r/} are all
 * {@code github.com/o/r}. Hosts are compared without case, paths with it; {@code file://} URLs and
 * local paths keep their path.
 */
public final class RepoUrls {
  private RepoUrls() {}

  public static String normalize(String url) {
    String u = url.trim();
    int scheme = u.indexOf("://");
    String rest;
    if (scheme > 0) {
      String name = u.substring(0, scheme).toLowerCase(Locale.ROOT);
      rest = u.substring(scheme + 3);
      if (name.equals("file")) {
        return stripSuffixes(rest.startsWith("/") ? rest : "/" + rest);
      }
    } else if (u.matches("[^/@:]+@[^/:]+:.*")) {
      rest = u.replaceFirst(":", "/");
    } else {
      return stripSuffixes(u);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    String host = authority.substring(authority.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    host = host.replaceFirst(":(22|80|443)$", "");
    return stripSuffixes(host + path);
  }

  private static String stripSuffixes(String path) {
    String p = path;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.endsWith(".git")) {
      p = p.substring(0, p.length() - 4);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
