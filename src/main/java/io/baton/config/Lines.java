package io.baton.config;

import io.baton.error.BatonException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the fields of one document were written, so that a problem found after reading it (a name
 * nobody defines, a value a service refuses) still names its field and line.
 */
final class Lines {
  private final Map<String, Integer> lines = new HashMap<>();

  void put(String field, int line) {
    lines.put(field, line);
  }

  /** BAD_USER_INPUT: {@code field (line n): problem}. */
  BatonException invalid(String field, String problem) {
    return BatonException.badInput(where(field) + ": " + problem);
  }

  /** What {@code read} returns; a problem it finds is told as this field's, with its line. */
  <T> T at(String field, Supplier<T> read) {
    try {
      return read.get();
    } catch (BatonException e) {
      throw new BatonException(e.code(), where(field) + ": " + e.getMessage());
    }
  }

  private String where(String field) {
    Integer line = lines.get(field);
    return line == null ? field : field + " (line " + line + ")";
  }
}
