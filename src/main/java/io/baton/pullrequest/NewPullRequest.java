package io.baton.pullrequest;

/** What a pull request is opened with: from {@code head} into {@code base}. */
public record NewPullRequest(String head, String base, String title, String body) {}
