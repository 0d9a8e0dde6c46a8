package io.baton.git;

import java.util.List;

/**
 * What a promotion would commit now: a unified diff per changed file, and the version it would
 * leave.
 */
public record PromotionPreview(List<FileDiff> files, String version) {

  /** {@code path} is from the target repository's root. */
  public record FileDiff(String path, String diff) {}
}
