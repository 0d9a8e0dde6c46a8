package io.baton.git;

import io.vertx.core.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * What the Git watcher asks of a remote: one fetch, then, for each branch and path it watches, the
 * head now and the newest commit since the one it saw last that changed a file under the path, with
 * its message. Runs on the remote's cache queue, on a worker thread.
 */
public final class BranchLooks {
  private final GitRepositories repositories;

  public BranchLooks(GitRepositories repositories) {
    this.repositories = repositories;
  }

  /**
   * A branch and path to look at.
   *
   * @param since the commit seen last; null: none yet
   */
  public record Watch(String branch, String path, String since) {}

  /**
   * What a look found.
   *
   * @param head the branch's head; null when the branch does not exist
   * @param change the newest commit after {@code since}, up to the head, that changed a file under
   *     the path; null when none did, the head is {@code since}, or there is no {@code since}
   * @param message the whole message of {@code change}; empty without one
   */
  public record Look(Watch watch, String head, String change, String message) {}

  /** Fetches {@code url} once and looks at each watch, in order. */
  public Future<List<Look>> look(String url, List<Watch> watches) {
    return repositories.run(
        url,
        repo -> {
          repo.fetch(watches.get(0).branch());
          List<Look> looks = new ArrayList<>(watches.size());
          for (Watch watch : watches) {
            looks.add(look(repo, watch));
          }
          return looks;
        });
  }

  private static Look look(CachedRepository repo, Watch watch) throws IOException {
    ObjectId head = repo.head(watch.branch());
    if (head == null) {
      return new Look(watch, null, null, "");
    }
    if (watch.since() == null || watch.since().equals(head.name())) {
      return new Look(watch, head.name(), null, "");
    }
    RevCommit change = newestChange(repo, repo.commit(head.name()), watch);
    return change == null
        ? new Look(watch, head.name(), null, "")
        : new Look(watch, head.name(), change.name(), change.getFullMessage());
  }

  /**
   * The newest commit reachable from {@code head} but not from {@code since} that changed a file
   * under the path; null when none did. A {@code since} the cache does not have (the branch was
   * rewritten) leaves the head's whole history to be read.
   */
  private static RevCommit newestChange(CachedRepository repo, RevCommit head, Watch watch)
      throws IOException {
    try (RevWalk walk = new RevWalk(repo.repository())) {
      walk.markStart(walk.parseCommit(head));
      if (repo.has(watch.since())) {
        walk.markUninteresting(walk.parseCommit(ObjectId.fromString(watch.since())));
      }
      if (!watch.path().isEmpty()) {
        walk.setTreeFilter(
            AndTreeFilter.create(PathFilter.create(watch.path()), TreeFilter.ANY_DIFF));
      }
      RevCommit change = walk.next();
      if (change != null) {
        walk.parseBody(change);
      }
      return change;
    }
  }
}
