package io.baton.config;

import java.util.Map;
import java.util.Set;

/**
 * The names of each kind the catalog will hold once the file is applied: those the file defines,
 * and, unless the apply prunes that kind, those already there.
 */
record Known(Map<String, Set<String>> byKind) {
  Known {
    byKind = Map.copyOf(byKind);
  }

  Set<String> of(String kind) {
    return byKind.getOrDefault(kind, Set.of());
  }

  boolean has(String kind, String name) {
    return of(kind).contains(name);
  }
}
