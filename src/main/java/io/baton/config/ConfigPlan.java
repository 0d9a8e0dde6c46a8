package io.baton.config;

import java.util.List;

/**
 * The changes a configuration makes to the catalog, in the order of an export.
 *
 * @param applied false for a dry run, whose changes were rolled back
 */
public record ConfigPlan(boolean applied, List<ConfigChange> changes) {
  public ConfigPlan {
    changes = List.copyOf(changes);
  }

  boolean changesAnything() {
    return changes.stream().anyMatch(c -> c.action() != ConfigAction.UNCHANGED);
  }
}
