package io.baton.git;

import java.util.List;

/**
 * What a promotion changes in the target (nothing when it already holds the content), and the
 * version it leaves.
 */
record Plan(List<FileChange> changes, String version) {

  Plan {
    changes = List.copyOf(changes);
  }

  boolean isEmpty() {
    return changes.isEmpty();
  }

  /** The changed paths for people: {@code values.yaml}, or {@code a.yaml, b.yaml and 3 more}. */
  String summary() {
    List<String> paths = changes.stream().map(FileChange::path).toList();
    if (paths.size() <= 3) {
      return String.join(", ", paths);
    }
    return String.join(", ", paths.subList(0, 3)) + " and " + (paths.size() - 3) + " more";
  }
}
