package io.baton.webhook;

import io.baton.error.BatonException;
import io.baton.product.RepoUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Where a webhook POSTs: an http(s) URL with a host, without credentials or fragment. */
final class WebhookUrl {
  static final int MAX_LENGTH = 2048;

  private WebhookUrl() {}

  /** The URL, trimmed; BAD_USER_INPUT saying why when it is not usable. */
  static String require(String url) {
    if (url == null || url.isBlank()) {
      throw BatonException.badInput("webhook url must not be empty");
    }
    String trimmed = url.trim();
    if (trimmed.length() > MAX_LENGTH) {
      throw BatonException.badInput("webhook url is longer than " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw bad(trimmed, "is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw bad(trimmed, "must start with http:// or https://");
    }
    if (uri.getRawUserInfo() != null) {
      throw bad(trimmed, "must not carry credentials: the secret signs every delivery");
    }
    if (uri.getHost() == null) {
      throw bad(trimmed, "has no host");
    }
    if (uri.getRawFragment() != null) {
      throw bad(trimmed, "must not have a fragment (#...)");
    }
    return trimmed;
  }

  private static BatonException bad(String url, String why) {
    return BatonException.badInput("webhook url \"" + RepoUrl.redact(url) + "\" " + why);
  }
}
