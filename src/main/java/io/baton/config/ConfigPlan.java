package io.baton.config;

import java.util.List;

/**
 * The changes a configuration makes to the catalog, in the order of an export.
 *
 * @param applied false for a dry run, whose changes were rolled back
 * @param warnings the fields of the file's objects that Baton keeps but does not carry out
 */
public record ConfigPlan(
    boolean applied, List<ConfigChange> changes, List<ConfigWarning> warnings) {
  public ConfigPlan {
    changes = List.copyOf(changes);
    warnings = List.copyOf(warnings);
  }

  boolean changesAnything() {
    return changes.stream().anyMatch(c -> c.action() != ConfigAction.UNCHANGED);
  }

  /** The same plan, its changes rolled back. */
  ConfigPlan rolledBack() {
    return new ConfigPlan(false, changes, warnings);
  }
}
