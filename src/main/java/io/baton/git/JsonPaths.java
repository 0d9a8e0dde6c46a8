package io.baton.git;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import io.baton.product.PromotionTemplate;
import io.baton.release.PromotionFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * JSONPath as the vendor documents it ({@code $.a.b}, {@code $..image}, {@code .*}, {@code
 * $["rollout-canary"].tag}), evaluated by the Jayway library. It answers with the concrete paths
 * that match, which the in-place editor then walks in the file's nodes.
 */
final class JsonPaths {
  private static final Configuration PATHS =
      Configuration.builder()
          .options(Option.AS_PATH_LIST, Option.SUPPRESS_EXCEPTIONS, Option.ALWAYS_RETURN_LIST)
          .build();

  private JsonPaths() {}

  static JsonPath compile(String expression) {
    PromotionTemplate.jsonPathOverLimit(expression)
        .ifPresent(
            problem -> {
              throw new PromotionFailure("JSONPath " + shortened(expression) + " " + problem);
            });
    try {
      return JsonPath.compile(expression);
    } catch (InvalidPathException | IllegalArgumentException e) {
      throw new PromotionFailure("JSONPath " + expression + " is not valid: " + e.getMessage());
    }
  }

  private static String shortened(String expression) {
    return expression.length() <= 60 ? expression : expression.substring(0, 60) + "...";
  }

  /**
   * The concrete paths matching {@code expression} in a document, in document order; each a list of
   * keys and indices.
   */
  static List<List<Object>> concretePaths(String expression, Object document) {
    JsonPath path = compile(expression);
    List<String> found;
    try {
      found = path.read(document, PATHS);
    } catch (RuntimeException e) {
      throw new PromotionFailure(
          "JSONPath " + expression + " could not be evaluated: " + e.getMessage());
    }
    List<List<Object>> paths = new ArrayList<>();
    if (found != null) {
      found.forEach(p -> paths.add(segments(p)));
    }
    return paths;
  }

  /**
   * Splits a normalised path as the library prints it ({@code $['image']['tag']}, {@code
   * $['list'][0]}) into its keys and indices. A key ends at the first {@code ']} that is followed
   * by another bracket or the end.
   */
  static List<Object> segments(String normalised) {
    if (!normalised.startsWith("$")) {
      throw new IllegalArgumentException("not a normalised path: " + normalised);
    }
    List<Object> segments = new ArrayList<>();
    int i = 1;
    while (i < normalised.length()) {
      if (normalised.startsWith("['", i)) {
        int close = keyEnd(normalised, i + 2);
        segments.add(normalised.substring(i + 2, close));
        i = close + 2;
      } else if (normalised.charAt(i) == '[') {
        int close = normalised.indexOf(']', i);
        segments.add(Integer.parseInt(normalised.substring(i + 1, close)));
        i = close + 1;
      } else {
        throw new IllegalArgumentException("not a normalised path: " + normalised);
      }
    }
    return segments;
  }

  private static int keyEnd(String path, int from) {
    int close = path.indexOf("']", from);
    while (close >= 0 && close + 2 < path.length() && path.charAt(close + 2) != '[') {
      close = path.indexOf("']", close + 1);
    }
    if (close < 0) {
      throw new IllegalArgumentException("not a normalised path: " + path);
    }
    return close;
  }

  /**
   * A concrete path printed the way people write JSONPath: {@code $.image.tag}, {@code
   * $["a-b"][0]}.
   */
  static String display(List<Object> path) {
    StringBuilder out = new StringBuilder("$");
    for (Object segment : path) {
      if (segment instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else if (((String) segment).matches("[A-Za-z_][A-Za-z0-9_]*")) {
        out.append('.').append(segment);
      } else {
        out.append("[\"").append(segment).append("\"]");
      }
    }
    return out.toString();
  }
}
