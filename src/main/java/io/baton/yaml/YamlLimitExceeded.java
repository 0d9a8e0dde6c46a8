package io.baton.yaml;

/**
 * A YAML text over one of {@link BoundedYaml}'s limits. The message completes a sentence whose
 * subject is the text ({@code values.yaml} + message), and says which limit.
 */
public final class YamlLimitExceeded extends RuntimeException {
  public YamlLimitExceeded(String message) {
    super(message, null, false, false);
  }
}
