package io.baton.git;

import io.baton.error.BatonException;
import io.baton.error.ErrorCode;
import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.baton.rollback.PromotedValueChange;
import io.baton.rollback.RollbackPreview;
import io.baton.rollback.RollbackReader;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A rollback's preview, read in Git on a worker thread: the application's files at the earlier
 * commit are planned onto its branch's head, freshly fetched, as a promotion from that commit would
 * plan them; the promotion a rollback's release runs makes exactly this commit.
 */
public final class GitRollbackReader implements RollbackReader {
  private final GitRepositories repositories;

  public GitRollbackReader(GitRepositories repositories) {
    this.repositories = repositories;
  }

  @Override
  public Future<RollbackPreview> preview(
      Application application, String environment, PromotionTemplate template, String commit) {
    Arrival arrival = repositories.arrive();
    return repositories
        .run(
            application.repoUrl(),
            repo -> plan(repo, application, environment, template, commit, arrival))
        .recover(failure -> Future.failedFuture(readable(failure)));
  }

  private static RollbackPreview plan(
      CachedRepository repo,
      Application application,
      String environment,
      PromotionTemplate template,
      String commit,
      Arrival arrival) {
    RevCommit earlier = repo.pinnedCommit(commit, application.branch(), arrival);
    ObjectId head = repo.fetchAfter(application.branch(), arrival);
    RevCommit headCommit = head == null ? null : repo.commit(head.name());
    Map<String, FileEntry> restored = repo.files(earlier, application.path());
    Map<String, FileEntry> current = repo.files(headCommit, application.path());
    String earlierName = environment + " at " + earlier.abbreviate(7).name();
    Plan plan = new PromotionPlanner(earlierName, environment).plan(restored, current, template);
    List<PromotedValueChange> changes =
        new ValueChanges(application.path()).of(restored, current, template, plan);
    return new RollbackPreview(
        plan.version(),
        currentVersion(current, template, environment),
        earlier.name(),
        changes,
        plan.changes().stream().map(change -> diff(application, change)).toList());
  }

  /** A remote that cannot be read is the client's to hear of, as promotionPreview says it. */
  private static Throwable readable(Throwable failure) {
    return failure instanceof GitException
        ? new BatonException(ErrorCode.INTERNAL, failure.getMessage())
        : failure;
  }

  private static String currentVersion(
      Map<String, FileEntry> files, PromotionTemplate template, String environment) {
    return template == null || template.versionSource() == null
        ? null
        : PromotionPlanner.version(files, template.versionSource(), environment);
  }

  private static RollbackPreview.FileDiff diff(Application application, FileChange change) {
    PromotionPreview.FileDiff diff = PromotionPreviews.diff(application, change);
    return new RollbackPreview.FileDiff(diff.path(), diff.diff());
  }
}
