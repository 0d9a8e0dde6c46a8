package io.baton.graphql;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import io.baton.auth.Principal;
import io.baton.auth.Role;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What makes two subscriptions see the same thing, so that they may share one execution: the
 * document (printed compactly, so layout does not matter), the operation name, the variables and
 * extensions (keys sorted) and the caller's role, the only thing about a caller that changes what a
 * field returns.
 *
 * <p>Only live subscriptions share. One that replays (a cursor in {@code after}, or a {@code
 * releaseId}, whose events are replayed from the release's start) starts from its own point in the
 * event order, which a running execution is already past.
 */
record SubscriptionKey(
    String document, String operationName, String variables, String extensions, Role role) {
  /** Root field arguments that start a stream from a point of its own (a replay). */
  private static final Set<String> REPLAYING_ARGUMENTS = Set.of("after", "releaseId");

  /** The request's key, or empty when it is no live subscription (or does not parse). */
  static Optional<SubscriptionKey> of(GraphqlHttpHandler.Request request, Principal principal) {
    if (request.query() == null || !request.query().contains("subscription")) {
      return Optional.empty();
    }
    Document document;
    try {
      document = Parser.parse(request.query());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    Optional<OperationDefinition> operation = operation(document, request.operationName());
    if (operation.isEmpty() || replays(operation.get(), variables(request))) {
      return Optional.empty();
    }
    return Optional.of(
        new SubscriptionKey(
            AstPrinter.printAstCompact(document),
            request.operationName(),
            canonical(request.variables()),
            canonical(request.extensions()),
            principal.role()));
  }

  /**
   * A subscription that replays from a cursor and is otherwise live: it may join the live
   * subscription's shared execution once its replay has caught up with it.
   */
  record Resumption(SubscriptionKey live, GraphqlHttpHandler.Request liveRequest, String after) {}

  /**
   * The request's live counterpart when its only replaying argument is {@code after}, given in a
   * variable: the same request without that variable. Empty otherwise.
   */
  static Optional<Resumption> resumption(GraphqlHttpHandler.Request request, Principal principal) {
    if (request.variables() == null || of(request, principal).isPresent()) {
      return Optional.empty();
    }
    Document document;
    try {
      document = Parser.parse(request.query());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    Optional<OperationDefinition> operation = operation(document, request.operationName());
    if (operation.isEmpty()) {
      return Optional.empty();
    }
    List<String> cursorVariables =
        operation.get().getSelectionSet().getSelections().stream()
            .filter(Field.class::isInstance)
            .flatMap(field -> ((Field) field).getArguments().stream())
            .filter(argument -> argument.getName().equals("after"))
            .filter(argument -> argument.getValue() instanceof VariableReference)
            .map(argument -> ((VariableReference) argument.getValue()).getName())
            .distinct()
            .toList();
    if (cursorVariables.size() != 1
        || !(request.variables().get(cursorVariables.get(0)) instanceof String after)) {
      return Optional.empty();
    }
    Map<String, Object> liveVariables = new LinkedHashMap<>(request.variables());
    liveVariables.remove(cursorVariables.get(0));
    GraphqlHttpHandler.Request live =
        new GraphqlHttpHandler.Request(
            request.query(), request.operationName(), liveVariables, request.extensions());
    return of(live, principal).map(key -> new Resumption(key, live, after));
  }

  /** The one subscription the request runs: empty for a query, a mutation or an ambiguity. */
  private static Optional<OperationDefinition> operation(Document document, String name) {
    List<OperationDefinition> named =
        document.getDefinitionsOfType(OperationDefinition.class).stream()
            .filter(op -> name == null || name.equals(op.getName()))
            .toList();
    if (named.size() != 1
        || named.get(0).getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
      return Optional.empty();
    }
    return Optional.of(named.get(0));
  }

  private static Map<String, Object> variables(GraphqlHttpHandler.Request request) {
    return request.variables() == null ? Map.of() : request.variables();
  }

  /**
   * Whether a root field is given a replaying argument, or is something other than a plain field (a
   * fragment), which is then not looked into and counts as replaying.
   */
  private static boolean replays(OperationDefinition operation, Map<String, Object> variables) {
    for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
      if (!(selection instanceof Field field)) {
        return true;
      }
      for (Argument argument : field.getArguments()) {
        if (REPLAYING_ARGUMENTS.contains(argument.getName())
            && given(argument.getValue(), operation, variables)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether an argument has a value: a literal other than null or "", or a variable given one (or,
   * when not given, having a default).
   */
  private static boolean given(
      Value<?> value, OperationDefinition operation, Map<String, Object> variables) {
    if (value instanceof NullValue) {
      return false;
    }
    if (value instanceof StringValue string) {
      return !string.getValue().isBlank();
    }
    if (!(value instanceof VariableReference reference)) {
      return true;
    }
    if (variables.containsKey(reference.getName())) {
      Object given = variables.get(reference.getName());
      return given != null && !(given instanceof String s && s.isBlank());
    }
    return operation.getVariableDefinitions().stream()
        .filter(definition -> definition.getName().equals(reference.getName()))
        .map(VariableDefinition::getDefaultValue)
        .anyMatch(defaultValue -> defaultValue != null && !(defaultValue instanceof NullValue));
  }

  /**
   * JSON with every object's keys sorted, so that the order a client wrote them in is no matter.
   */
  static String canonical(Map<String, Object> map) {
    return map == null || map.isEmpty() ? "{}" : Json.encode(sorted(map));
  }

  @SuppressWarnings("unchecked")
  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), sorted(v)));
      return sorted;
    }
    if (value instanceof JsonObject object) {
      return sorted(object.getMap());
    }
    if (value instanceof List<?> list) {
      return list.stream().map(SubscriptionKey::sorted).toList();
    }
    if (value instanceof JsonArray array) {
      return sorted(array.getList());
    }
    return value;
  }
}
