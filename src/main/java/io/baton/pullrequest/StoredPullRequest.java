package io.baton.pullrequest;

import io.vertx.sqlclient.Row;

/** A pull request a step opened, as Baton keeps it. */
public record StoredPullRequest(
    long id,
    long releaseId,
    long environmentId,
    int attempt,
    ProviderKind provider,
    String apiUrl,
    String repository,
    long number,
    String url,
    String headBranch,
    String baseBranch,
    String version,
    PullRequestState state,
    String mergeCommitSha,
    String closedBy) {

  static StoredPullRequest of(Row row) {
    return new StoredPullRequest(
        row.getLong("id"),
        row.getLong("release_id"),
        row.getLong("environment_id"),
        row.getInteger("attempt"),
        ProviderKind.valueOf(row.getString("provider")),
        row.getString("api_url"),
        row.getString("repository"),
        row.getLong("number"),
        row.getString("url"),
        row.getString("head_branch"),
        row.getString("base_branch"),
        row.getString("version"),
        PullRequestState.valueOf(row.getString("state")),
        row.getString("merge_commit_sha"),
        row.getString("closed_by"));
  }

  /** The repository at its provider, with the token Baton has for it now. */
  ProviderRepository at(ProviderHosts hosts) {
    return new ProviderRepository(apiUrl, repository, hosts.token(apiUrl));
  }
}
