package io.baton.product;

import io.baton.error.BatonException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may be said of a repository URL outside the server. Credentials belong in {@code
 * BATON_GIT_TOKENS} (https) or the ssh key, never in the URL: a URL that carries a password (or,
 * for http(s), any user info, where a token usually stands in the user's place) is refused, and any
 * such URL already stored is shown without it.
 */
public final class RepoUrl {
  /** {@code scheme://userinfo@}: the scheme, the user, and the password (if any). */
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/@:\\s]*)(:[^/@\\s]*)?@");

  private RepoUrl() {}

  /**
   * The text with the secrets of every URL in it removed: all user info for http(s), the password
   * for other schemes ({@code ssh://git@host} keeps its {@code git@}).
   */
  public static String redact(String text) {
    if (text == null || !text.contains("@")) {
      return text;
    }
    Matcher m = USER_INFO.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String keep = isHttp(m.group(1)) ? m.group(1) : m.group(1) + m.group(2) + "@";
      m.appendReplacement(out, Matcher.quoteReplacement(keep));
    }
    return m.appendTail(out).toString();
  }

  /** Refuses a URL with credentials in it, pointing to where they belong. */
  static void requireNoCredentials(String url) {
    Matcher m = USER_INFO.matcher(url);
    if (!m.find()) {
      return;
    }
    boolean password = m.group(3) != null;
    if (isHttp(m.group(1))) {
      throw BatonException.badInput(
          "repoUrl",
          "repoUrl \""
              + redact(url)
              + "\" must not carry credentials: give the host's token in BATON_GIT_TOKENS"
              + " (host=token) instead");
    }
    if (password) {
      throw BatonException.badInput(
          "repoUrl",
          "repoUrl \""
              + redact(url)
              + "\" must not carry a password: Baton signs in to ssh remotes with the key in"
              + " BATON_GIT_SSH_KEY");
    }
  }

  private static boolean isHttp(String scheme) {
    return scheme.regionMatches(true, 0, "http", 0, 4);
  }
}
