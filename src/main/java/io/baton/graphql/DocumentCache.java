package io.baton.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated documents, by query text: clients send the same few queries again and again,
 * and parsing and validating one costs more than running it. Only documents without errors are kept
 * (errors carry the caller's locale), at most {@link #MAX_ENTRIES}, least recently used first out;
 * very long queries are not kept.
 */
final class DocumentCache implements PreparsedDocumentProvider {
  static final int MAX_ENTRIES = 500;
  static final int MAX_QUERY_LENGTH = 16 * 1024;

  private final Map<String, PreparsedDocumentEntry> entries =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
      ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    String query = input.getQuery();
    PreparsedDocumentEntry cached;
    synchronized (entries) {
      cached = entries.get(query);
    }
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    PreparsedDocumentEntry entry = parseAndValidate.apply(input);
    if (!entry.hasErrors() && query.length() <= MAX_QUERY_LENGTH) {
      synchronized (entries) {
        entries.put(query, entry);
      }
    }
    return CompletableFuture.completedFuture(entry);
  }
}
