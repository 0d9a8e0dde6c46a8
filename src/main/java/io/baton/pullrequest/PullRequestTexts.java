package io.baton.pullrequest;

import io.baton.release.PromotionAction.Request;

/**
 * What a pull request says: what is promoted, from where, into where, by which release, with a link
 * to the release in Baton.
 */
final class PullRequestTexts {
  private PullRequestTexts() {}

  /** The step's own branch: one per release and environment, so re-runs find it. */
  static String branch(Request request) {
    return "baton/release-" + request.releaseId() + "/" + request.targetEnvironment();
  }

  static String title(Request request, String version) {
    return "Promote "
        + request.product()
        + (version == null ? "" : " " + version)
        + " from "
        + request.sourceEnvironment()
        + " to "
        + request.targetEnvironment();
  }

  static String body(Request request, String version, String releaseLink) {
    return "Baton release #"
        + request.releaseId()
        + " promotes **"
        + request.product()
        + "**"
        + (version == null ? "" : " version **" + version + "**")
        + " from **"
        + request.sourceEnvironment()
        + "** to **"
        + request.targetEnvironment()
        + "**.\n\n"
        + "- From: "
        + request.sourceEnvironment()
        + ", branch `"
        + request.source().branch()
        + "`, path `"
        + request.source().path()
        + "`, at commit `"
        + request.sourceCommit()
        + "`\n"
        + "- Into: "
        + request.targetEnvironment()
        + ", branch `"
        + request.target().branch()
        + "`, path `"
        + request.target().path()
        + "`\n"
        + "- Release: "
        + releaseLink
        + "\n\n"
        + "Merging this pull request lets the release go on (the "
        + request.targetEnvironment()
        + " step records the merge commit); closing it fails the step.\n";
  }

  static String waiting(long number) {
    return "waiting for pull request #" + number;
  }

  static String merged(PullRequest pr) {
    return "pull request #"
        + pr.number()
        + " merged as "
        + shortSha(pr.mergeCommitSha())
        + (pr.closedBy() == null ? "" : " by " + pr.closedBy());
  }

  static String closed(PullRequest pr) {
    return "pull request #"
        + pr.number()
        + " was closed without merging"
        + (pr.closedBy() == null ? "" : " by " + pr.closedBy());
  }

  private static String shortSha(String sha) {
    return sha == null ? "nothing" : sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
