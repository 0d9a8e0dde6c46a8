package io.baton.pullrequest;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pull request rows (V16). */
final class PullRequestRepository {

  /** The step's newest pull request, whatever its state. */
  Future<Optional<StoredPullRequest>> latestOf(SqlClient sql, long releaseId, long environmentId) {
    return sql.preparedQuery(PullRequestSql.LATEST_OF_STEP)
        .execute(Tuple.of(releaseId, environmentId))
        .map(rows -> first(rows));
  }

  /** Writes the step's open pull request (or moves the one already written to this attempt). */
  Future<Void> insert(
      SqlClient sql,
      long releaseId,
      long environmentId,
      int attempt,
      ProviderKind kind,
      ProviderRepository repository,
      PullRequest pr,
      String baseBranch,
      String version,
      Instant now) {
    return sql.preparedQuery(PullRequestSql.INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  releaseId,
                  environmentId,
                  attempt,
                  kind.name(),
                  repository.apiUrl(),
                  repository.path(),
                  pr.number(),
                  pr.url(),
                  pr.headBranch(),
                  baseBranch,
                  version,
                  odt(now)
                }))
        .mapEmpty();
  }

  Future<Void> moveToAttempt(SqlClient sql, long id, int attempt, String version, Instant now) {
    return sql.preparedQuery(PullRequestSql.MOVE_TO_ATTEMPT)
        .execute(Tuple.of(id, attempt, version, odt(now)))
        .mapEmpty();
  }

  /** Marks an open pull request merged or closed; false when it was no longer open. */
  Future<Boolean> finish(SqlClient sql, long id, PullRequest pr, Instant now) {
    return sql.preparedQuery(PullRequestSql.FINISH)
        .execute(Tuple.of(id, pr.state().name(), pr.mergeCommitSha(), pr.closedBy(), odt(now)))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<Void> touch(SqlClient sql, long id, Instant now) {
    return sql.preparedQuery(PullRequestSql.TOUCH).execute(Tuple.of(id, odt(now))).mapEmpty();
  }

  Future<List<StoredPullRequest>> due(SqlClient sql, int limit) {
    return sql.preparedQuery(PullRequestSql.DUE).execute(Tuple.of(limit)).map(this::all);
  }

  Future<List<StoredPullRequest>> matching(SqlClient sql, PullRequestHook hook) {
    return sql.preparedQuery(PullRequestSql.MATCHING)
        .execute(
            Tuple.of(
                hook.provider().name(), hook.number(), hook.repository().toArray(String[]::new)))
        .map(this::all);
  }

  Future<Map<PullRequests.StepRef, StoredPullRequest>> ofSteps(
      SqlClient sql, Collection<PullRequests.StepRef> steps) {
    Long[] releases = steps.stream().map(PullRequests.StepRef::releaseId).toArray(Long[]::new);
    Long[] environments =
        steps.stream().map(PullRequests.StepRef::environmentId).toArray(Long[]::new);
    return sql.preparedQuery(PullRequestSql.OF_STEPS)
        .execute(Tuple.tuple().addArrayOfLong(releases).addArrayOfLong(environments))
        .map(
            rows -> {
              Map<PullRequests.StepRef, StoredPullRequest> found = new HashMap<>();
              for (StoredPullRequest pr : all(rows)) {
                found.put(new PullRequests.StepRef(pr.releaseId(), pr.environmentId()), pr);
              }
              return found;
            });
  }

  private List<StoredPullRequest> all(RowSet<Row> rows) {
    List<StoredPullRequest> list = new ArrayList<>();
    rows.forEach(row -> list.add(StoredPullRequest.of(row)));
    return list;
  }

  private static Optional<StoredPullRequest> first(RowSet<Row> rows) {
    RowIterator<Row> it = rows.iterator();
    return it.hasNext() ? Optional.of(StoredPullRequest.of(it.next())) : Optional.empty();
  }

  private static OffsetDateTime odt(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
