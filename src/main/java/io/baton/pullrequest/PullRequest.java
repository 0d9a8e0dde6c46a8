package io.baton.pullrequest;

/**
 * A pull request as its provider reports it: its number in the repository, the page people open,
 * its state, its head branch, the merge commit (once merged) and who closed or merged it (when the
 * provider says).
 */
public record PullRequest(
    long number,
    String url,
    PullRequestState state,
    String headBranch,
    String mergeCommitSha,
    String closedBy) {}
