package io.baton.graphql;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The messages a graphql-transport-ws client may send, checked against the shapes the specification
 * gives them. Anything else is invalid, and the socket closes with 4400.
 */
final class ClientMessage {
  private static final Set<String> SERVER_TYPES = Set.of("connection_ack", "next", "error");

  private ClientMessage() {}

  /** Thrown for text that is not a valid client message; the message is the close reason. */
  static final class Invalid extends RuntimeException {
    Invalid(String reason) {
      super("Invalid message: " + reason, null, false, false);
    }
  }

  /** The message in {@code text}, valid for its type. */
  static JsonObject parse(String text) {
    JsonObject message = jsonObject(text);
    if (!(message.getValue("type") instanceof String type)) {
      throw new Invalid("expected a JSON object with a string type");
    }
    switch (type) {
      case "connection_init", "ping", "pong" ->
          optionalObject(message, "payload", type + " payload");
      case "subscribe" -> checkSubscribe(message);
      case "complete" -> operationId(message);
      default ->
          throw new Invalid(
              SERVER_TYPES.contains(type)
                  ? type + " is sent by servers, not clients"
                  : "unknown type " + type);
    }
    return message;
  }

  /** The operation id of a subscribe or complete message. */
  static String operationId(JsonObject message) {
    if (!(message.getValue("id") instanceof String id) || id.isEmpty()) {
      throw new Invalid(message.getString("type") + " needs a non-empty string id");
    }
    return id;
  }

  private static JsonObject jsonObject(String text) {
    try {
      if (Json.decodeValue(text) instanceof JsonObject object) {
        return object;
      }
      throw new Invalid("expected a JSON object with a string type");
    } catch (DecodeException e) {
      throw new Invalid("not JSON");
    }
  }

  private static void checkSubscribe(JsonObject message) {
    operationId(message);
    if (!(message.getValue("payload") instanceof JsonObject payload)) {
      throw new Invalid("subscribe needs a payload object");
    }
    if (!(payload.getValue("query") instanceof String)) {
      throw new Invalid("subscribe payload needs a query string");
    }
    if (payload.getValue("operationName") != null
        && !(payload.getValue("operationName") instanceof String)) {
      throw new Invalid("subscribe operationName must be a string or null");
    }
    optionalObject(payload, "variables", "subscribe variables");
    optionalObject(payload, "extensions", "subscribe extensions");
  }

  private static void optionalObject(JsonObject message, String key, String what) {
    Object value = message.getValue(key);
    if (value != null && !(value instanceof JsonObject)) {
      throw new Invalid(what + " must be an object or null");
    }
  }
}
