package io.baton.graphql;

import io.baton.error.BatonException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque cursors: a prefixed number in base64url, so clients treat them as strings and nothing
 * more.
 */
public final class Cursors {
  private static final String PREFIX = "c:";

  private Cursors() {}

  public static String encodeLong(long value) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + value).getBytes(StandardCharsets.UTF_8));
  }

  public static Long decodeLong(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!raw.startsWith(PREFIX)) {
        throw new IllegalArgumentException();
      }
      return Long.parseLong(raw.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw BatonException.badInput("cursor \"" + cursor + "\" is not one Baton gave out");
    }
  }
}
