package io.baton.rollback;

import java.util.List;

/**
 * What a rollback would commit now: the promoted values it puts back, and each file's diff.
 *
 * @param version the version the application would have after it; null without a version source
 * @param currentVersion the version at the branch's head now; null without a version source
 * @param fromCommit the commit the values are read from: the one the earlier release made
 * @param changes each value that would change; empty when the application already holds them
 * @param files each file that would change, with its unified diff
 */
public record RollbackPreview(
    String version,
    String currentVersion,
    String fromCommit,
    List<PromotedValueChange> changes,
    List<FileDiff> files) {

  public RollbackPreview {
    changes = List.copyOf(changes);
    files = List.copyOf(files);
  }

  /** {@code path} is from the repository's root; {@code diff} is unified. */
  public record FileDiff(String path, String diff) {}

  /** Whether the rollback would change nothing: the application holds those values already. */
  public boolean isEmpty() {
    return files.isEmpty();
  }
}
