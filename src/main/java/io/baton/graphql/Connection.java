package io.baton.graphql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Relay connection built from a page fetched with one extra row, which tells whether there is a
 * next page.
 */
record Connection<T>(List<Map<String, Object>> edges, List<T> nodes, Map<String, Object> pageInfo) {

  static <T> Connection<T> of(List<T> fetched, int first, Function<T, String> cursor) {
    boolean hasNext = fetched.size() > first;
    List<T> nodes = hasNext ? fetched.subList(0, first) : fetched;
    List<Map<String, Object>> edges =
        nodes.stream()
            .map(n -> Map.<String, Object>of("cursor", cursor.apply(n), "node", n))
            .toList();
    String endCursor = nodes.isEmpty() ? null : cursor.apply(nodes.get(nodes.size() - 1));
    Map<String, Object> pageInfo = new HashMap<>();
    pageInfo.put("hasNextPage", hasNext);
    pageInfo.put("endCursor", endCursor);
    return new Connection<>(edges, nodes, pageInfo);
  }
}
