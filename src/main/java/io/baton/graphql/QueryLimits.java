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
 * The depth limit, then the complexity limit, checked once per operation before it runs. One instrumentation
 * rather than a chain of two: a chain wraps every field's every step in a list of contexts, which cost more than
 * the fields of a long list do.
 */
final class QueryLimits extends SimplePerformantInstrumentation {
  private final MaxQueryDepthInstrumentation depth;
  private final MaxQueryComplexityInstrumentation complexity;

  QueryLimits(int maxDepth, int maxComplexity) {
    this.depth = new MaxQueryDepthInstrumentation(maxDepth);
    this.complexity = new MaxQueryComplexityInstrumentation(maxComplexity);
  }

  @Override
  public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
    return complexity.createStateAsync(parameters);
  }

  @Override
  public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
      InstrumentationState state) {
    return complexity.beginValidation(parameters, state);
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    depth.beginExecuteOperation(parameters, null);
    return complexity.beginExecuteOperation(parameters, state);
  }
}
