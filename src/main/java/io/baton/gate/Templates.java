package io.baton.gate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release's variables a gate's URL, headers and expected value may use: {@code {{version}}},
 * {@code {{commit}}}, {@code {{environment}}}, {@code {{product}}}, {@code {{release}}}. Any other
 * {@code {{name}}} is an error when the gate is defined.
 */
public final class Templates {
  public static final List<String> VARIABLES =
      List.of("version", "commit", "environment", "product", "release");

  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

  private Templates() {}

  /** The variables {@code template} uses that Baton does not know, in the order they appear. */
  public static List<String> unknownVariables(String template) {
    List<String> unknown = new ArrayList<>();
    Matcher m = VARIABLE.matcher(template == null ? "" : template);
    while (m.find()) {
      if (!VARIABLES.contains(m.group(1)) && !unknown.contains(m.group(1))) {
        unknown.add(m.group(1));
      }
    }
    return unknown;
  }

  /** The text with each variable replaced by its value (a commit not made yet is empty). */
  public static String render(String template, StepFacts facts) {
    return render(template, facts, UnaryOperator.identity());
  }

  /**
   * As {@link #render}, each value percent-encoded so that it stays one piece of a URL's path or
   * query: a version cannot change the host or the path a URL points to.
   */
  public static String renderInUrl(String template, StepFacts facts) {
    return render(
        template,
        facts,
        value -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private static String render(String template, StepFacts facts, UnaryOperator<String> encode) {
    Map<String, String> values = values(facts);
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("unknown variable {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(encode.apply(value)));
    }
    return m.appendTail(out).toString();
  }

  private static Map<String, String> values(StepFacts facts) {
    return Map.of(
        "version", facts.version(),
        "commit", facts.commit().orElse(""),
        "environment", facts.environment(),
        "product", facts.product(),
        "release", Long.toString(facts.releaseId()));
  }
}
