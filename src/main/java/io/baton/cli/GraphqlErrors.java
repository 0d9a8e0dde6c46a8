package io.baton.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Baton's GraphQL errors, as one message for people: each error's message and its code. */
final class GraphqlErrors {
  private GraphqlErrors() {}

  static CliException of(JsonArray errors) {
    List<String> messages = new ArrayList<>();
    boolean unauthenticated = false;
    for (Object item : errors) {
      JsonObject error = item instanceof JsonObject json ? json : new JsonObject();
      String code = error.getJsonObject("extensions", new JsonObject()).getString("code", "ERROR");
      unauthenticated |= "UNAUTHENTICATED".equals(code);
      messages.add(error.getString("message", "an error") + " (" + code + ")");
    }
    String message = "Baton refused: " + String.join("; ", messages);
    return unauthenticated ? CliException.connection(message) : CliException.refused(message);
  }
}
