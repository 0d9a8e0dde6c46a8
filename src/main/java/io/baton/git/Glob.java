package io.baton.git;

import java.util.regex.Pattern;

/**
 * A file glob relative to an application's path, as people write them in GitOps tools: {@code *}
 * within one folder, {@code **} across folders ({@code **}{@code /*.yaml} also matches {@code
 * a.yaml} at the top), {@code ?}, character classes {@code [ab]} and alternatives {@code {a,b}}.
 */
final class Glob {
  private final String glob;
  private final Pattern pattern;

  private Glob(String glob, Pattern pattern) {
    this.glob = glob;
    this.pattern = pattern;
  }

  static Glob of(String glob) {
    String normalised =
        glob.trim().replace('\\', '/').replaceAll("^\\./", "").replaceAll("^/+", "");
    return new Glob(glob, Pattern.compile(toRegex(normalised)));
  }

  boolean matches(String relativePath) {
    return pattern.matcher(relativePath).matches();
  }

  @Override
  public String toString() {
    return glob;
  }

  static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && glob.startsWith("**/", i)) {
        regex.append("(?:.*/)?");
        i += 2;
      } else if (c == '*' && glob.startsWith("**", i)) {
        regex.append(".*");
        i += 1;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 1);
        if (close < 0) {
          regex.append("\\[");
        } else {
          String body = glob.substring(i + 1, close).replace("\\", "\\\\");
          regex
              .append('[')
              .append(body.startsWith("!") ? "^" + body.substring(1) : body)
              .append(']');
          i = close;
        }
      } else if (c == '{') {
        braces++;
        regex.append("(?:");
      } else if (c == '}' && braces > 0) {
        braces--;
        regex.append(')');
      } else if (c == ',' && braces > 0) {
        regex.append('|');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
