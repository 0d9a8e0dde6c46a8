package io.baton.pullrequest;

/** Every statement about pull requests. */
final class PullRequestSql {
  private PullRequestSql() {}

  private static final String COLUMNS =
      """
      p.id, p.release_id, p.environment_id, p.attempt, p.provider, p.api_url, p.repository, p.number, p.url,
      p.head_branch, p.base_branch, p.version, p.state, p.merge_commit_sha, p.closed_by""";

  static final String LATEST_OF_STEP =
      "SELECT "
          + COLUMNS
          + " FROM pull_request p WHERE p.release_id = $1 AND p.environment_id = $2"
          + " ORDER BY p.id DESC LIMIT 1";

  /**
   * A second writer of the step's open pull request (a crash between creating and writing it, then
   * a re-run that found it by its branch) only moves it to its attempt.
   */
  static final String INSERT =
      """
      INSERT INTO pull_request (release_id, environment_id, attempt, provider, api_url, repository, number, url,
                                head_branch, base_branch, version, state, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'OPEN', $12, $12)
      ON CONFLICT (release_id, environment_id) WHERE state = 'OPEN'
      DO UPDATE SET attempt = EXCLUDED.attempt, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
      RETURNING id""";

  static final String MOVE_TO_ATTEMPT =
      "UPDATE pull_request SET attempt = $2, version = $3, updated_at = $4 WHERE id = $1 AND state = 'OPEN'";

  static final String FINISH =
      """
      UPDATE pull_request SET state = $2, merge_commit_sha = $3, closed_by = $4, updated_at = $5
      WHERE id = $1 AND state = 'OPEN'""";

  static final String TOUCH = "UPDATE pull_request SET updated_at = $2 WHERE id = $1";

  /** Open pull requests whose step waits for them, the longest unchecked first. */
  static final String DUE =
      "SELECT "
          + COLUMNS
          + """
           FROM pull_request p
          JOIN release_step s ON s.release_id = p.release_id AND s.environment_id = p.environment_id
          WHERE p.state = 'OPEN' AND s.status = 'SUSPENDED' AND s.attempt = p.attempt
          ORDER BY p.updated_at LIMIT $1""";

  static final String MATCHING =
      "SELECT "
          + COLUMNS
          + """
           FROM pull_request p
          WHERE p.state = 'OPEN' AND p.provider = $1 AND p.number = $2 AND p.repository = ANY($3)""";

  /** The newest pull request of each of the steps given as (release, environment) pairs. */
  static final String OF_STEPS =
      "SELECT DISTINCT ON (p.release_id, p.environment_id) "
          + COLUMNS
          + """
           FROM pull_request p
          JOIN unnest($1::bigint[], $2::bigint[]) AS k(release_id, environment_id)
            ON k.release_id = p.release_id AND k.environment_id = p.environment_id
          ORDER BY p.release_id, p.environment_id, p.id DESC""";
}
