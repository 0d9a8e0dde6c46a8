package io.baton.git;

import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.baton.release.SourcePinner;
import io.vertx.core.Future;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Pins a release's source: the head of the source application's branch, freshly fetched, and its
 * version. Pins of one remote share fetches: a pin is served by the first fetch that starts after
 * it arrived, so pins that arrive while a fetch is in flight wait for the next one, which serves
 * them all; a pin never reads what an older fetch brought, so it always holds every commit pushed
 * before the trigger arrived.
 */
public final class GitSourcePinner implements SourcePinner {
  private final GitRepositories repositories;

  public GitSourcePinner(GitRepositories repositories) {
    this.repositories = repositories;
  }

  @Override
  public Future<Snapshot> pin(Application source, PromotionTemplate template) {
    Arrival arrival = repositories.arrive();
    return repositories.run(
        source.repoUrl(),
        repo -> {
          ObjectId head = repo.fetchHeadAfter(source.branch(), arrival);
          return new Snapshot(
              head.name(), ApplicationVersions.versionAt(repo, head, source, template));
        });
  }

  @Override
  public Future<Snapshot> pinAt(Application source, PromotionTemplate template, String commit) {
    Arrival arrival = repositories.arrive();
    return repositories.run(
        source.repoUrl(),
        repo -> {
          RevCommit pinned = repo.pinnedCommit(commit, source.branch(), arrival);
          return new Snapshot(
              pinned.name(), ApplicationVersions.versionAt(repo, pinned, source, template));
        });
  }
}
