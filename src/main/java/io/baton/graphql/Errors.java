package io.baton.graphql;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.introspection.GoodFaithIntrospection;
import io.baton.error.BatonException;
import io.baton.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into GraphQL errors: a stable {@code extensions.code}, a
 * readable message, and never a Java class name or stack trace.
 */
public final class Errors implements DataFetcherExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
  static final String INTERNAL_MESSAGE =
      "Baton hit an internal error; the server log has the details";

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
      DataFetcherExceptionHandlerParameters params) {
    Throwable failure = unwrap(params.getException());
    ErrorCode code = codeOf(failure);
    String message = failure instanceof BatonException ? failure.getMessage() : INTERNAL_MESSAGE;
    if (code == ErrorCode.INTERNAL) {
      LOG.error("{} failed", params.getPath(), failure);
    }
    GraphQLError error =
        GraphqlErrorBuilder.newError()
            .message(message)
            .path(params.getPath())
            .location(params.getSourceLocation())
            .extensions(extensions(failure, code))
            .build();
    return CompletableFuture.completedFuture(
        DataFetcherExceptionHandlerResult.newResult(error).build());
  }

  /** The code, and the field the error is about when it names one. */
  private static Map<String, Object> extensions(Throwable failure, ErrorCode code) {
    if (failure instanceof BatonException baton && baton.field() != null) {
      return Map.of("code", code.name(), "field", baton.field());
    }
    return Map.of("code", code.name());
  }

  public static Throwable unwrap(Throwable failure) {
    while ((failure instanceof CompletionException || failure instanceof ExecutionException)
        && failure.getCause() != null) {
      failure = failure.getCause();
    }
    return failure;
  }

  public static ErrorCode codeOf(Throwable failure) {
    return failure instanceof BatonException baton ? baton.code() : ErrorCode.INTERNAL;
  }

  /** The JSON of one error as a client sees it. */
  public static Map<String, Object> toJson(GraphQLError error) {
    Map<String, Object> json = new LinkedHashMap<>(error.toSpecification());
    Map<String, Object> extensions = new LinkedHashMap<>();
    if (error.getExtensions() != null) {
      extensions.putAll(error.getExtensions());
    }
    extensions.putIfAbsent("code", codeOf(error).name());
    extensions.remove("classification");
    json.put("extensions", extensions);
    return json;
  }

  /** A request-level error, with no data: authentication, malformed requests. */
  public static Map<String, Object> requestError(ErrorCode code, String message) {
    return Map.of(
        "errors", List.of(Map.of("message", message, "extensions", Map.of("code", code.name()))));
  }

  public static Map<String, Object> requestError(Throwable failure) {
    Throwable cause = unwrap(failure);
    ErrorCode code = codeOf(cause);
    if (code == ErrorCode.INTERNAL) {
      LOG.error("request failed", cause);
    }
    return requestError(
        code, cause instanceof BatonException ? cause.getMessage() : INTERNAL_MESSAGE);
  }

  /**
   * A document graphql-java refuses before running it (syntax, validation, limits, introspection
   * asked for in bad faith) is the caller's mistake; anything else that reaches here is ours.
   */
  private static ErrorCode codeOf(GraphQLError error) {
    if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
      return ErrorCode.BAD_USER_INPUT;
    }
    ErrorClassification type = error.getErrorType();
    if (type == ErrorType.InvalidSyntax
        || type == ErrorType.ValidationError
        || type == ErrorType.ExecutionAborted
        || type == ErrorType.OperationNotSupported) {
      return ErrorCode.BAD_USER_INPUT;
    }
    return ErrorCode.INTERNAL;
  }
}
