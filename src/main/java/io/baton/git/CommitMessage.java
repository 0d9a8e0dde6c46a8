package io.baton.git;

import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The message of a promotion commit: a subject people read ({@code Promote demo-trioapp 2.0.0 from
 * dev to qa}) and trailers Baton reads back to find the commit a step already made.
 */
final class CommitMessage {
  static final String RELEASE = "Baton-Release";
  static final String ENVIRONMENT = "Baton-Environment";
  static final String PRODUCT = "Baton-Product";
  static final String IDEMPOTENCY_KEY = "Baton-Idempotency-Key";
  static final String SOURCE_COMMIT = "Baton-Source-Commit";

  private CommitMessage() {}

  /**
   * {@code Promote demo-trioapp 2.0.0 from dev to qa}; from an environment into itself (a rollback,
   * whose source is the application at an earlier commit) {@code Restore demo-trioapp 1.1.0 in
   * prod}.
   */
  static String subject(
      String product, String version, String sourceEnvironment, String targetEnvironment) {
    String what = version == null ? product : product + " " + version;
    if (targetEnvironment.equals(sourceEnvironment)) {
      return "Restore " + what + " in " + targetEnvironment;
    }
    return "Promote " + what + " from " + sourceEnvironment + " to " + targetEnvironment;
  }

  static String of(
      String product,
      String version,
      String sourceEnvironment,
      String targetEnvironment,
      long releaseId,
      String idempotencyKey,
      String sourceCommit) {
    return subject(product, version, sourceEnvironment, targetEnvironment)
        + "\n\n"
        + RELEASE
        + ": "
        + releaseId
        + "\n"
        + ENVIRONMENT
        + ": "
        + targetEnvironment
        + "\n"
        + PRODUCT
        + ": "
        + product
        + "\n"
        + IDEMPOTENCY_KEY
        + ": "
        + idempotencyKey
        + "\n"
        + SOURCE_COMMIT
        + ": "
        + sourceCommit
        + "\n";
  }

  /** Whether a commit is the one a step (release, environment, product) made, by its trailers. */
  static boolean isStep(RevCommit commit, long releaseId, String environment, String product) {
    return is(commit.getFooterLines(RELEASE), String.valueOf(releaseId))
        && is(commit.getFooterLines(ENVIRONMENT), environment)
        && is(commit.getFooterLines(PRODUCT), product);
  }

  private static boolean is(List<String> values, String expected) {
    return values.size() == 1 && values.get(0).trim().equals(expected);
  }
}
