package io.baton.git;

import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.baton.release.SourcePinner;
import io.vertx.core.Future;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Pins a release's source: the head of the source application's branch, freshly fetched, and its
 * version.
 */
public final class GitSourcePinner implements SourcePinner {
  private final GitRepositories repositories;

  public GitSourcePinner(GitRepositories repositories) {
    this.repositories = repositories;
  }

  @Override
  public Future<Snapshot> pin(Application source, PromotionTemplate template) {
    return repositories.run(
        source.repoUrl(),
        repo -> {
          RevCommit head = repo.fetchHead(source.branch());
          return new Snapshot(
              head.name(), ApplicationVersions.versionAt(repo, head, source, template));
        });
  }

  @Override
  public Future<Snapshot> pinAt(Application source, PromotionTemplate template, String commit) {
    return repositories.run(
        source.repoUrl(),
        repo -> {
          RevCommit pinned = repo.pinnedCommit(commit, source.branch());
          return new Snapshot(
              pinned.name(), ApplicationVersions.versionAt(repo, pinned, source, template));
        });
  }
}
