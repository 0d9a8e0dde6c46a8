package io.baton.config;

import java.util.List;

/**
 * What applying a configuration does (or, in a dry run, would do) to one object.
 *
 * @param kind the document kind: Environment, Product, Application or PromotionFlow
 * @param diff for an UPDATE, each field that changes, as {@code field: old → new}; else empty
 */
public record ConfigChange(String kind, String name, ConfigAction action, List<String> diff) {
  public ConfigChange {
    diff = List.copyOf(diff);
  }
}
