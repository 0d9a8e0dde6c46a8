package io.baton.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.baton.auth.Principal;
import io.baton.error.ErrorCode;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * GraphQL over HTTP, as the GraphQL-over-HTTP specification has it: POST with JSON, GET for queries
 * only (a mutation by GET is 405), {@code application/graphql-response+json} when the client
 * accepts it (with 4xx for requests that could not run), {@code application/json} otherwise. A
 * subscription gets 400 at once: it runs over the WebSocket. The caller must already be
 * authenticated.
 */
public final class GraphqlHttpHandler {
  static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
  static final String JSON = "application/json";
  static final String SUBSCRIPTIONS_BY_WS =
      "subscriptions run over the WebSocket at /graphql (subprotocol graphql-transport-ws), "
          + "not over HTTP";

  private final GraphQL graphQL;
  private final GraphqlFactory factory;

  public GraphqlHttpHandler(GraphQL graphQL, GraphqlFactory factory) {
    this.graphQL = graphQL;
    this.factory = factory;
  }

  record Request(
      String query,
      String operationName,
      Map<String, Object> variables,
      Map<String, Object> extensions) {}

  public void handle(RoutingContext ctx, Principal principal) {
    Optional<String> mediaType = responseType(ctx.request().getHeader(HttpHeaders.ACCEPT));
    if (mediaType.isEmpty()) {
      ctx.response()
          .setStatusCode(406)
          .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
          .end(
              Json.encode(
                  Errors.requestError(
                      ErrorCode.BAD_USER_INPUT,
                      "Accept must allow application/graphql-response+json or application/json")));
      return;
    }
    String type = mediaType.get();
    Request request;
    try {
      request =
          ctx.request().method() == HttpMethod.GET
              ? fromQueryParams(ctx.queryParams())
              : fromBody(ctx);
    } catch (BadRequest e) {
      reply(ctx, type, e.status, Errors.requestError(ErrorCode.BAD_USER_INPUT, e.getMessage()));
      return;
    }
    OperationDefinition.Operation operation = operationOf(request);
    if (operation == OperationDefinition.Operation.SUBSCRIPTION) {
      reply(ctx, type, 400, Errors.requestError(ErrorCode.BAD_USER_INPUT, SUBSCRIPTIONS_BY_WS));
      return;
    }
    if (ctx.request().method() == HttpMethod.GET
        && operation == OperationDefinition.Operation.MUTATION) {
      ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
      reply(
          ctx,
          type,
          405,
          Errors.requestError(
              ErrorCode.BAD_USER_INPUT, "mutations must be sent with POST; GET runs queries only"));
      return;
    }
    execute(request, principal)
        .whenComplete(
            (result, failure) -> {
              if (failure != null) {
                reply(ctx, type, 500, Errors.requestError(failure));
                return;
              }
              int status =
                  GRAPHQL_RESPONSE_JSON.equals(type) && !result.isDataPresent() ? 400 : 200;
              reply(ctx, type, status, toJson(result));
            });
  }

  CompletableFuture<ExecutionResult> execute(Request request, Principal principal) {
    return execute(request, principal, Map.of(Principal.class, principal));
  }

  /** A subscription whose events' cursors {@code tap} records, in the order they are executed. */
  CompletableFuture<ExecutionResult> execute(Request request, Principal principal, EventTap tap) {
    return execute(request, principal, Map.of(Principal.class, principal, EventTap.class, tap));
  }

  private CompletableFuture<ExecutionResult> execute(
      Request request, Principal principal, Map<Object, Object> context) {
    ExecutionInput input =
        ExecutionInput.newExecutionInput()
            .query(request.query())
            .operationName(request.operationName())
            .variables(request.variables() == null ? Map.of() : request.variables())
            .extensions(request.extensions() == null ? Map.of() : request.extensions())
            .graphQLContext(context)
            .dataLoaderRegistry(factory.dataLoaders())
            .build();
    return graphQL.executeAsync(input);
  }

  public static Map<String, Object> toJson(ExecutionResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (!result.getErrors().isEmpty()) {
      json.put("errors", result.getErrors().stream().map(Errors::toJson).toList());
    }
    if (result.isDataPresent()) {
      json.put("data", result.getData());
    }
    if (result.getExtensions() != null && !result.getExtensions().isEmpty()) {
      json.put("extensions", result.getExtensions());
    }
    return json;
  }

  private static void reply(RoutingContext ctx, String type, int status, Map<String, Object> body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, type + "; charset=utf-8")
        .end(Json.encode(body));
  }

  /**
   * The response media type the Accept header allows, preferring graphql-response+json when it is
   * named.
   */
  static Optional<String> responseType(String accept) {
    if (accept == null || accept.isBlank()) {
      return Optional.of(JSON);
    }
    boolean json = false;
    boolean any = false;
    for (String part : accept.split(",")) {
      String media = part.split(";")[0].trim().toLowerCase();
      if (part.replace(" ", "").contains(";q=0")
          && !part.replace(" ", "").matches(".*;q=0\\.0*[1-9].*")) {
        continue;
      }
      if (media.equals(GRAPHQL_RESPONSE_JSON)) {
        return Optional.of(GRAPHQL_RESPONSE_JSON);
      }
      json |= media.equals(JSON);
      any |= media.equals("*/*") || media.equals("application/*");
    }
    // A client that accepts anything is a legacy one until the specification's watershed: answer
    // application/json.
    return json || any ? Optional.of(JSON) : Optional.empty();
  }

  private static Request fromQueryParams(MultiMap params) {
    String query = params.get("query");
    if (query == null || query.isBlank()) {
      throw new BadRequest(400, "the query parameter is required");
    }
    return new Request(
        query,
        blankToNull(params.get("operationName")),
        jsonObject(params.get("variables"), "variables"),
        jsonObject(params.get("extensions"), "extensions"));
  }

  private static Request fromBody(RoutingContext ctx) {
    String contentType =
        Objects.requireNonNullElse(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), "");
    String media = contentType.split(";")[0].trim().toLowerCase();
    if (!media.equals(JSON)) {
      throw new BadRequest(415, "POST /graphql takes Content-Type: application/json");
    }
    JsonObject body;
    try {
      Object parsed = Json.decodeValue(ctx.body().buffer() == null ? "" : ctx.body().asString());
      if (!(parsed instanceof JsonObject object)) {
        throw new BadRequest(400, "the request body must be a JSON object with a query");
      }
      body = object;
    } catch (DecodeException e) {
      throw new BadRequest(400, "the request body is not valid JSON");
    }
    Object query = body.getValue("query");
    if (!(query instanceof String q) || q.isBlank()) {
      throw new BadRequest(400, "the request needs a query string");
    }
    Object operationName = body.getValue("operationName");
    if (operationName != null && !(operationName instanceof String)) {
      throw new BadRequest(400, "operationName must be a string");
    }
    return new Request(
        q,
        (String) operationName,
        map(body.getValue("variables"), "variables"),
        map(body.getValue("extensions"), "extensions"));
  }

  private static Map<String, Object> map(Object value, String what) {
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject object) {
      return object.getMap();
    }
    throw new BadRequest(400, what + " must be a JSON object");
  }

  private static Map<String, Object> jsonObject(String raw, String what) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return map(Json.decodeValue(raw), what);
    } catch (DecodeException e) {
      throw new BadRequest(400, what + " is not valid JSON");
    }
  }

  /**
   * The kind of the operation that would run, or null when the document does not parse or names no
   * such operation (execution then reports it). A document whose anonymous operations disagree
   * counts as its strongest: a subscription, then a mutation.
   */
  private static OperationDefinition.Operation operationOf(Request request) {
    if (!request.query().contains("subscription") && !request.query().contains("mutation")) {
      return OperationDefinition.Operation.QUERY; // not worth parsing twice
    }
    Document document;
    try {
      document = Parser.parse(request.query());
    } catch (RuntimeException e) {
      return null;
    }
    List<OperationDefinition.Operation> kinds =
        document.getDefinitionsOfType(OperationDefinition.class).stream()
            .filter(
                op ->
                    request.operationName() == null || request.operationName().equals(op.getName()))
            .map(OperationDefinition::getOperation)
            .toList();
    if (kinds.contains(OperationDefinition.Operation.SUBSCRIPTION)) {
      return OperationDefinition.Operation.SUBSCRIPTION;
    }
    if (kinds.contains(OperationDefinition.Operation.MUTATION)) {
      return OperationDefinition.Operation.MUTATION;
    }
    return kinds.isEmpty() ? null : OperationDefinition.Operation.QUERY;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static final class BadRequest extends RuntimeException {
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
