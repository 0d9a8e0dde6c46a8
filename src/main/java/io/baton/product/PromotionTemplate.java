package io.baton.product;

import io.baton.error.BatonException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a promotion copies from the source application to the target: the version source, and values
 * at JSONPaths in files matched by globs. A product without a template mirrors every file under its
 * path.
 */
public record PromotionTemplate(VersionSource versionSource, List<Entry> promotion) {
  public static final int MAX_JSON_PATH_LENGTH = 500;
  public static final int MAX_JSON_PATH_NESTING = 10;

  public record VersionSource(String file, String jsonPath) {}

  public record Entry(String file, List<String> jsonPaths) {}

  public PromotionTemplate {
    promotion = promotion == null ? List.of() : List.copyOf(promotion);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (versionSource != null) {
      json.put(
          "versionSource",
          new JsonObject()
              .put("file", versionSource.file())
              .put("jsonPath", versionSource.jsonPath()));
    }
    JsonArray entries = new JsonArray();
    promotion.forEach(
        e ->
            entries.add(
                new JsonObject()
                    .put("file", e.file())
                    .put("jsonPaths", new JsonArray(e.jsonPaths()))));
    return json.put("promotion", entries);
  }

  public static PromotionTemplate fromJson(JsonObject json) {
    if (json == null) {
      return null;
    }
    JsonObject vs = json.getJsonObject("versionSource");
    List<Entry> entries = new ArrayList<>();
    json.getJsonArray("promotion", new JsonArray())
        .forEach(
            o -> {
              JsonObject e = (JsonObject) o;
              List<String> paths = new ArrayList<>();
              e.getJsonArray("jsonPaths", new JsonArray()).forEach(p -> paths.add((String) p));
              entries.add(new Entry(e.getString("file"), paths));
            });
    return new PromotionTemplate(
        vs == null ? null : new VersionSource(vs.getString("file"), vs.getString("jsonPath")),
        entries);
  }

  /** From a GraphQL input map; checks that every part a promotion needs is there. */
  @SuppressWarnings("unchecked")
  public static PromotionTemplate fromInput(Map<String, Object> input) {
    if (input == null) {
      return null;
    }
    Map<String, Object> vs = (Map<String, Object>) input.get("versionSource");
    VersionSource versionSource = null;
    if (vs != null) {
      versionSource =
          new VersionSource(
              required(vs, "file", "versionSource.file"),
              required(vs, "jsonPath", "versionSource.jsonPath"));
      requireJsonPath(versionSource.jsonPath(), "versionSource.jsonPath");
    }
    List<Entry> entries = new ArrayList<>();
    List<Map<String, Object>> promotion =
        (List<Map<String, Object>>) input.getOrDefault("promotion", List.of());
    for (int i = 0; promotion != null && i < promotion.size(); i++) {
      Map<String, Object> e = promotion.get(i);
      String where = "promotion[" + i + "]";
      List<String> paths = (List<String>) e.getOrDefault("jsonPaths", List.of());
      if (paths == null || paths.isEmpty()) {
        throw BatonException.badInput(
            "promotionTemplate." + where + ".jsonPaths",
            where + ".jsonPaths must name at least one JSONPath");
      }
      paths.forEach(p -> requireJsonPath(p, where + ".jsonPaths"));
      entries.add(new Entry(required(e, "file", where + ".file"), paths));
    }
    return new PromotionTemplate(versionSource, entries);
  }

  private static String required(Map<String, Object> map, String key, String field) {
    Object value = map.get(key);
    if (!(value instanceof String s) || s.isBlank()) {
      throw BatonException.badInput(
          "promotionTemplate." + field, "promotionTemplate." + field + " must not be empty");
    }
    return s;
  }

  private static void requireJsonPath(String path, String field) {
    if (path == null || !path.startsWith("$")) {
      throw BatonException.badInput(
          "promotionTemplate." + field,
          "promotionTemplate."
              + field
              + " \""
              + path
              + "\" is not a JSONPath (it must start with $)");
    }
    Optional<String> overLimit = jsonPathOverLimit(path);
    if (overLimit.isPresent()) {
      throw BatonException.badInput(
          "promotionTemplate." + field,
          "promotionTemplate." + field + ": the JSONPath " + overLimit.get());
    }
  }

  /**
   * What makes a JSONPath too big to read safely (the library that evaluates it recurses once per
   * segment and nesting level), if anything: longer than {@link #MAX_JSON_PATH_LENGTH} characters,
   * or brackets and parentheses nested deeper than {@link #MAX_JSON_PATH_NESTING}.
   */
  public static Optional<String> jsonPathOverLimit(String path) {
    if (path.length() > MAX_JSON_PATH_LENGTH) {
      return Optional.of("is longer than " + MAX_JSON_PATH_LENGTH + " characters");
    }
    int depth = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || c == ')') {
        depth--;
      }
      if (depth > MAX_JSON_PATH_NESTING) {
        return Optional.of(
            "nests brackets or parentheses deeper than " + MAX_JSON_PATH_NESTING + " levels");
      }
    }
    return Optional.empty();
  }
}
