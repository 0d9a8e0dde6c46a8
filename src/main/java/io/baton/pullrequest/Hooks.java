package io.baton.pullrequest;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/** Small readers shared by the providers' classes. */
final class Hooks {
  private Hooks() {}

  /** The non-blank string fields of {@code json} among {@code keys}. */
  static Set<String> strings(JsonObject json, String... keys) {
    Set<String> values = new LinkedHashSet<>();
    for (String key : keys) {
      Object value = json.getValue(key);
      if (value instanceof String text && !text.isBlank()) {
        values.add(text);
      }
    }
    return values;
  }

  /** The token of a {@code BATON_GIT_TOKENS} entry given as {@code user:token}, or the entry. */
  static String secretPart(String token) {
    int colon = token.indexOf(':');
    return colon < 0 ? token : token.substring(colon + 1);
  }
}
