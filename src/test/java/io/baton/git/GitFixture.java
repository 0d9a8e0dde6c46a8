package io.baton.git;

import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.baton.release.PromotionAction.Fence;
import io.baton.release.PromotionAction.Request;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Real bare repositories in a test's temp dir, served by file://, and what tests ask of them:
 * someone else's commits, heads, files, history and diffs; and the git package's requests against
 * them.
 */
public final class GitFixture {
  static final PersonIdent SOMEONE = new PersonIdent("Someone Else", "someone@example.com");
  private static final AtomicLong IDS = new AtomicLong(1);

  private final Path dir;

  public GitFixture(Path dir) {
    this.dir = dir;
  }

  /** A bare repository with {@code files} (path -> content) committed on main by someone else. */
  public Path bare(String name, Map<String, String> files) {
    Path bare = bare(name);
    commit(bare, files, "initial layout");
    return bare;
  }

  /** The bare repository {@code name}, created empty if it is not there yet. */
  public Path bare(String name) {
    try (Repository repo = DemoRepositories.openBare(dir.resolve(name + ".git"))) {
      return dir.resolve(name + ".git");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String url(Path bare) {
    return "file://" + bare.toAbsolutePath();
  }

  /** The repository a {@code file://} URL (of {@link #url} or DemoRepositories) names. */
  public static Path pathOf(String url) {
    return Path.of(url.substring("file://".length()));
  }

  /**
   * Someone else's commit of files (null removes) on {@code branch}. Like a person whose push lost
   * a race (Baton pushing into the same repository at that moment), it commits again on the new
   * head until it lands, for up to 10 seconds.
   */
  public static ObjectId commit(
      Path bare, String branch, Map<String, String> files, String message) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try (Repository repo = DemoRepositories.openBare(bare)) {
        return DemoRepositories.commit(repo, branch, files, message, SOMEONE, Instant.now());
      } catch (IOException e) {
        boolean raced = String.valueOf(e.getMessage()).contains("LOCK_FAILURE");
        if (!raced || System.nanoTime() > deadline) {
          throw new UncheckedIOException(e);
        }
        Thread.onSpinWait();
      }
    }
  }

  public static ObjectId commit(Path bare, Map<String, String> files, String message) {
    return commit(bare, "main", files, message);
  }

  static String head(Path bare, String branch) {
    try (Repository repo = DemoRepositories.openBare(bare)) {
      Ref ref = repo.exactRef(Constants.R_HEADS + branch);
      return ref == null ? null : ref.getObjectId().name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String head(Path bare) {
    return head(bare, "main");
  }

  /** A file's content at the branch's head; null when it is not there. */
  public static String read(Path bare, String path) {
    try (Repository repo = DemoRepositories.openBare(bare);
        RevWalk walk = new RevWalk(repo)) {
      RevCommit head = walk.parseCommit(repo.resolve(Constants.R_HEADS + "main"));
      try (TreeWalk tree = TreeWalk.forPath(repo, path, head.getTree())) {
        return tree == null
            ? null
            : new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The branch's history, newest first, following every parent. */
  public static List<RevCommit> log(Path bare) {
    try (Repository repo = DemoRepositories.openBare(bare);
        RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(repo.resolve(Constants.R_HEADS + "main")));
      List<RevCommit> commits = new ArrayList<>();
      walk.forEach(
          commit -> {
            commit.getFullMessage();
            commits.add(commit);
          });
      return commits;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RevCommit commitOf(Path bare, String sha) {
    try (Repository repo = DemoRepositories.openBare(bare);
        RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
      commit.getFullMessage();
      return commit;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The unified diff of a commit against its first parent. */
  public static String diff(Path bare, String sha) {
    try (Repository repo = DemoRepositories.openBare(bare);
        RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (DiffFormatter formatter = new DiffFormatter(out)) {
        formatter.setRepository(repo);
        RevCommit parent =
            commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
        List<DiffEntry> entries =
            formatter.scan(parent == null ? null : parent.getTree(), commit.getTree());
        formatter.format(entries);
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines a diff adds and removes, without its headers. */
  public static List<String> changedLines(String diff) {
    return diff.lines()
        .filter(
            l ->
                (l.startsWith("+") || l.startsWith("-"))
                    && !l.startsWith("+++")
                    && !l.startsWith("---"))
        .toList();
  }

  static boolean isAncestor(Path bare, String ancestor, String of) {
    try (Repository repo = DemoRepositories.openBare(bare);
        RevWalk walk = new RevWalk(repo)) {
      return walk.isMergedInto(
          walk.parseCommit(ObjectId.fromString(ancestor)),
          walk.parseCommit(ObjectId.fromString(of)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Application app(String name, Path bare, String path) {
    return new Application(
        IDS.getAndIncrement(), name, 1, IDS.getAndIncrement(), url(bare), "main", path);
  }

  static Application app(String name, String url, String path) {
    return new Application(
        IDS.getAndIncrement(), name, 1, IDS.getAndIncrement(), url, "main", path);
  }

  static Request request(
      long releaseId,
      int attempt,
      Application source,
      String sourceCommit,
      String sourceEnv,
      Application target,
      String targetEnv,
      PromotionTemplate template) {
    return new Request(
        releaseId + "/" + targetEnv + "/" + attempt,
        releaseId,
        target.environmentId(),
        attempt,
        "demo-trioapp",
        sourceEnv,
        targetEnv,
        source,
        sourceCommit,
        target,
        template,
        Fence.OPEN);
  }

  GitRepositories repositories(Vertx vertx, String cacheName, Duration timeout) {
    return new GitRepositories(
        vertx, dir.resolve(cacheName), GitRemotes.local(timeout, dir), Clock.systemUTC());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
