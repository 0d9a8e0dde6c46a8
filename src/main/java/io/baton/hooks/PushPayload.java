package io.baton.hooks;

import io.baton.error.BatonException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reading the parts of a push payload that the providers share: refs, URLs, nested objects. */
final class PushPayload {
  private static final String BRANCHES = "refs/heads/";

  private PushPayload() {}

  /** {@code refs/heads/main} is branch {@code main}; a tag or any other ref names no branch. */
  static String branchOf(String ref) {
    return ref.startsWith(BRANCHES) ? ref.substring(BRANCHES.length()) : "";
  }

  /** The non-blank strings among {@code fields} of {@code object}, in order. */
  static Set<String> urls(JsonObject object, String... fields) {
    Set<String> urls = new LinkedHashSet<>();
    for (String field : fields) {
      if (object.getValue(field) instanceof String url && !url.isBlank()) {
        urls.add(url.trim());
      }
    }
    return urls;
  }

  static JsonObject object(JsonObject parent, String field, PushProvider provider) {
    if (parent.getValue(field) instanceof JsonObject child) {
      return child;
    }
    throw unreadable(provider, "it has no \"" + field + "\" object");
  }

  /** A child object, or an empty one when it is missing or not an object. */
  static JsonObject optionalObject(JsonObject parent, String field) {
    return parent.getValue(field) instanceof JsonObject child ? child : new JsonObject();
  }

  static JsonArray array(JsonObject parent, String field, PushProvider provider) {
    if (parent.getValue(field) instanceof JsonArray child) {
      return child;
    }
    throw unreadable(provider, "it has no \"" + field + "\" list");
  }

  static String string(JsonObject parent, String field, PushProvider provider) {
    if (parent.getValue(field) instanceof String value) {
      return value;
    }
    throw unreadable(provider, "it has no \"" + field + "\" string");
  }

  static BatonException unreadable(PushProvider provider, String why) {
    return BatonException.badInput(
        "this is not a " + provider.title() + " push payload Baton can read: " + why);
  }
}
