package io.baton.product;

import io.baton.error.BatonException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One condition a new commit must meet for a flow to be triggered by it: a part of the commit
 * ({@code key}) is, or is not ({@code operator}), one of {@code values}, where {@code *} stands for
 * any run of characters (none included) and everything else for itself, case-sensitively.
 */
public record GitTriggerSelector(Key key, Operator operator, List<String> values) {

  /** Which part of the commit a selector reads. */
  public enum Key {
    /** The whole message, without its trailing line breaks and spaces. */
    COMMIT_MESSAGE,
    /** The commit's full SHA-1, lower-case hex. */
    GIT_REVISION
  }

  /** How the part read is compared with the values. */
  public enum Operator {
    /** It matches at least one of the values. */
    IN,
    /** It matches none of the values. */
    NOT_IN
  }

  public GitTriggerSelector {
    values = List.copyOf(values);
  }

  /** The commit a selector is asked about. */
  public record Commit(String sha, String message) {}

  /** Whether {@code commit} meets this selector. */
  public boolean matches(Commit commit) {
    String subject = key == Key.GIT_REVISION ? commit.sha() : commit.message().stripTrailing();
    boolean any = values.stream().anyMatch(value -> wildcard(value).matcher(subject).matches());
    return operator == Operator.IN ? any : !any;
  }

  /** Whether {@code commit} meets every one of {@code selectors} (none: it does). */
  public static boolean all(List<GitTriggerSelector> selectors, Commit commit) {
    return selectors.stream().allMatch(selector -> selector.matches(commit));
  }

  static Pattern wildcard(String value) {
    String[] literals = value.split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < literals.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      if (!literals[i].isEmpty()) {
        regex.append(Pattern.quote(literals[i]));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("key", key.name())
        .put("operator", operator.name())
        .put("values", new JsonArray(values));
  }

  public static List<GitTriggerSelector> fromJson(JsonArray array) {
    List<GitTriggerSelector> selectors = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject json = array.getJsonObject(i);
      List<String> values = new ArrayList<>();
      json.getJsonArray("values", new JsonArray()).forEach(v -> values.add(String.valueOf(v)));
      selectors.add(
          new GitTriggerSelector(
              Key.valueOf(json.getString("key")),
              Operator.valueOf(json.getString("operator")),
              values));
    }
    return selectors;
  }

  static JsonArray toJson(List<GitTriggerSelector> selectors) {
    JsonArray array = new JsonArray();
    selectors.forEach(s -> array.add(s.toJson()));
    return array;
  }

  /** Refuses a selector without values: IN would match nothing, NOT_IN everything. */
  void requireValid(String field) {
    if (values.isEmpty()) {
      throw BatonException.badInput(field + ".values: give at least one value");
    }
    for (String value : values) {
      if (value.isEmpty() || value.length() > 1000) {
        throw BatonException.badInput(field + ".values: each value has 1 to 1000 characters");
      }
    }
  }
}
