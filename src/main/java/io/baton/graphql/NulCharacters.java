package io.baton.graphql;

import graphql.execution.AbortExecutionException;
import graphql.language.Node;
import graphql.language.StringValue;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

/**
 * Refuses a request with a NUL character in any string it passes, in the document or in its
 * variables, before it runs: PostgreSQL cannot store one in text, and would fail the request as an
 * internal error instead of the caller's mistake.
 */
final class NulCharacters {
  static final String REFUSED = "a string may not contain the NUL character (\\u0000)";

  private NulCharacters() {}

  static void refuse(Node<?> document, Map<String, Object> variables) {
    Deque<Object> pending = new ArrayDeque<>();
    pending.push(document);
    if (variables != null) {
      pending.push(variables);
    }
    while (!pending.isEmpty()) {
      Object next = pending.pop();
      if (next instanceof StringValue string) {
        check(string.getValue());
      } else if (next instanceof Node<?> node) {
        pushAll(pending, node.getChildren());
      } else if (next instanceof String string) {
        check(string);
      } else if (next instanceof Map<?, ?> map) {
        pushAll(pending, map.keySet());
        pushAll(pending, map.values());
      } else if (next instanceof Collection<?> list) {
        pushAll(pending, list);
      }
    }
  }

  /** The values among {@code items}; a null (a JSON null) holds no string. */
  private static void pushAll(Deque<Object> pending, Collection<?> items) {
    for (Object item : items) {
      if (item != null) {
        pending.push(item);
      }
    }
  }

  private static void check(String value) {
    if (value != null && value.indexOf('\u0000') >= 0) {
      throw new AbortExecutionException(REFUSED);
    }
  }
}
