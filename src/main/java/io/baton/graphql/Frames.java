package io.baton.graphql;

import graphql.ExecutionResult;
import io.vertx.core.json.Json;

/**
 * The text of graphql-transport-ws {@code next} messages, built around a payload serialized once:
 * subscribers of one shared execution get the same payload text and differ only in the id.
 */
final class Frames {
  private Frames() {}

  /**
   * One event's {@code next} messages, for the subscribers of one event loop: the message for an id
   * is built once and handed to every subscriber whose operation has that id (clients that name
   * their first operation "1" all get one text). Used on one thread.
   */
  static final class Next {
    private final String payload;
    private String lastId;
    private String lastText;

    Next(String payload) {
      this.payload = payload;
    }

    String payload() {
      return payload;
    }

    /** The message for {@code operationId}: the last one built when it had the same id. */
    String forId(String operationId) {
      if (!operationId.equals(lastId)) {
        lastText = next(operationId, payload);
        lastId = operationId;
      }
      return lastText;
    }
  }

  /** An execution result as the JSON text of a {@code next} message's payload. */
  static String payload(ExecutionResult result) {
    return Json.encode(GraphqlHttpHandler.toJson(result));
  }

  /** {@code {"type":"next","id":<id>,"payload":<payload>}} with the payload text as it is. */
  static String next(String operationId, String payload) {
    String id = string(operationId);
    return new StringBuilder(payload.length() + id.length() + 32)
        .append("{\"type\":\"next\",\"id\":")
        .append(id)
        .append(",\"payload\":")
        .append(payload)
        .append('}')
        .toString();
  }

  /**
   * A string as JSON: quoted as it is when nothing in it needs escaping (an id such as "1" or a
   * UUID, as clients make them), else by the JSON encoder. Written once per subscriber and event,
   * the encoder's set-up cost more than the rest of the message.
   */
  static String string(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return Json.encode(value);
      }
    }
    return '"' + value + '"';
  }
}
