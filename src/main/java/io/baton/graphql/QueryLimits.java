package io.baton.graphql;

import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.validation.ValidationError;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The aliases limit and the refusal of NUL characters (before validation), then the depth and
 * complexity limits (once per operation, before it runs). One instrumentation rather than a chain
 * of three: a chain wraps every field's every step in a list of contexts, which cost more than the
 * fields of a long list do.
 */
final class QueryLimits extends SimplePerformantInstrumentation {
  private final MaxAliasesInstrumentation aliases;
  private final MaxQueryDepthInstrumentation depth;
  private final MaxQueryComplexityInstrumentation complexity;

  QueryLimits(int maxAliases, int maxDepth, int maxComplexity) {
    this.aliases = new MaxAliasesInstrumentation(maxAliases);
    this.depth = new MaxQueryDepthInstrumentation(maxDepth);
    this.complexity = new MaxQueryComplexityInstrumentation(maxComplexity);
  }

  @Override
  public CompletableFuture<InstrumentationState> createStateAsync(
      InstrumentationCreateStateParameters parameters) {
    return complexity.createStateAsync(parameters);
  }

  @Override
  public InstrumentationContext<List<ValidationError>> beginValidation(
      InstrumentationValidationParameters parameters, InstrumentationState state) {
    aliases.beginValidation(parameters, null);
    NulCharacters.refuse(parameters.getDocument(), parameters.getVariables());
    return complexity.beginValidation(parameters, state);
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    depth.beginExecuteOperation(parameters, null);
    return complexity.beginExecuteOperation(parameters, state);
  }
}
