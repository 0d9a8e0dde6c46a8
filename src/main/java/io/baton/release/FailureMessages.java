package io.baton.release;

import java.util.regex.Pattern;

/** Failures' messages, for people: no Java class names. */
final class FailureMessages {
  private static final Pattern JAVA_NAME =
      Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error)\\b:?\\s*");

  private FailureMessages() {}

  /** A failure's message, for people: no Java class names. */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure instanceof PromotionFailure
          ? "the promotion failed"
          : "the promotion failed unexpectedly";
    }
    return JAVA_NAME.matcher(message).replaceAll("").trim();
  }
}
