package io.baton.graphql;

import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Field;
import graphql.language.Node;
import graphql.validation.ValidationError;
import java.util.List;

/**
 * Refuses a document with more aliases than {@code max} before it is validated. Aliases are how one
 * small request asks for the same work thousands of times, and validating thousands of overlapping
 * fields is itself quadratic work, so the complexity limit (which runs after validation, and counts
 * a cheap field as 1) is not enough on its own.
 */
final class MaxAliasesInstrumentation extends SimplePerformantInstrumentation {
  private final int max;

  MaxAliasesInstrumentation(int max) {
    this.max = max;
  }

  @Override
  public InstrumentationContext<List<ValidationError>> beginValidation(
      InstrumentationValidationParameters parameters, InstrumentationState state) {
    int aliases = aliasesIn(parameters.getDocument());
    if (aliases > max) {
      throw new AbortExecutionException(
          "the query uses " + aliases + " aliases; at most " + max + " are allowed");
    }
    return super.beginValidation(parameters, state);
  }

  /** The parser's depth limit bounds this recursion. */
  static int aliasesIn(Node<?> node) {
    int count = node instanceof Field field && field.getAlias() != null ? 1 : 0;
    for (Node<?> child : node.getChildren()) {
      count += aliasesIn(child);
    }
    return count;
  }
}
