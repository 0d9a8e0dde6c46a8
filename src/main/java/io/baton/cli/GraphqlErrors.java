package io.baton.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Baton's GraphQL errors, as one message for people: each error's message and its code. A token
 * Baton refuses, a name it does not know or input it rejects is the command's usage (exit 2); an
 * operation it refuses as things are (CONFLICT, FORBIDDEN, ...) is a failure (exit 1).
 */
final class GraphqlErrors {
  private static final Set<String> REJECTED_CODES =
      Set.of("UNAUTHENTICATED", "NOT_FOUND", "BAD_USER_INPUT");

  private GraphqlErrors() {}

  static CliException of(JsonArray errors) {
    List<String> messages = new ArrayList<>();
    boolean rejected = false;
    for (Object item : errors) {
      JsonObject error = item instanceof JsonObject json ? json : new JsonObject();
      String code = error.getJsonObject("extensions", new JsonObject()).getString("code", "ERROR");
      rejected |= REJECTED_CODES.contains(code);
      messages.add(error.getString("message", "an error") + " (" + code + ")");
    }
    String message = "Baton refused: " + String.join("; ", messages);
    return rejected ? CliException.rejected(message) : CliException.refused(message);
  }
}
