package io.baton.git;

import io.baton.product.Application;
import io.baton.release.PromotionAction;
import io.baton.release.PromotionFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A promotion as a Git commit: the target application's files get the source's values (or files),
 * at the commit the release pinned, in one commit on the target's branch, pushed without force.
 *
 * <p>Idempotent per step: before committing it looks for a commit with this step's trailers on the
 * target branch (a push that landed before a crash) and adopts it; when the target already holds
 * the content it makes no commit. A rejected push (someone pushed first) is redone on the new head,
 * a bounded number of times with jittered backoff, so others' commits are kept and history stays
 * linear.
 */
public final class GitPromotionAction implements PromotionAction {
  private static final Logger LOG = LoggerFactory.getLogger(GitPromotionAction.class);
  static final int DEFAULT_PUSH_ATTEMPTS = 6;
  static final int HISTORY_LIMIT = 1_000;
  private static final Duration FENCE_TIMEOUT = Duration.ofSeconds(30);

  /** Called on the worker thread just before each push; tests use it to make a push race. */
  @FunctionalInterface
  interface PushHook {
    void beforePush(CachedRepository repository, String branch) throws Exception;
  }

  private final Vertx vertx;
  private final GitRepositories repositories;
  private final GitAuthor author;
  private final Clock clock;
  private final ApplicationVersions versions;
  private final int pushAttempts;
  private final PushHook pushHook;

  public GitPromotionAction(
      Vertx vertx,
      GitRepositories repositories,
      GitAuthor author,
      Clock clock,
      ApplicationVersions versions) {
    this(
        vertx,
        repositories,
        author,
        clock,
        versions,
        DEFAULT_PUSH_ATTEMPTS,
        (repository, branch) -> {});
  }

  GitPromotionAction(
      Vertx vertx,
      GitRepositories repositories,
      GitAuthor author,
      Clock clock,
      ApplicationVersions versions,
      int pushAttempts,
      PushHook pushHook) {
    this.vertx = vertx;
    this.repositories = repositories;
    this.author = author;
    this.clock = clock;
    this.versions = versions;
    this.pushAttempts = pushAttempts;
    this.pushHook = pushHook;
  }

  /** The source's files at the pinned commit. */
  private record Source(String commit, Map<String, FileEntry> files) {}

  /**
   * One try: done with a result, or the push was rejected and the step should be redone on the new
   * head.
   */
  private record Attempt(Result result, boolean rejected) {}

  @Override
  public Future<Result> promote(Request request) {
    return commitTo(request, request.target().branch());
  }

  /**
   * The step's commit made as {@link #promote} makes it, on top of the target's branch, but pushed
   * to {@code branch}, a branch of the step's own (for a pull request). A commit of this step
   * already on {@code branch} is adopted; when the target already holds the content, no commit is
   * made and the result is the target's head, unchanged.
   */
  public Future<Result> propose(Request request, String branch) {
    return commitTo(request, branch);
  }

  private Future<Result> commitTo(Request request, String branch) {
    return readSource(request)
        .compose(source -> attempt(request, source, branch, 1))
        .onSuccess(
            result -> {
              if (versions != null) {
                versions.forget(request.target());
              }
            });
  }

  @Override
  public Future<Optional<Result>> committed(Request request) {
    Application target = request.target();
    return repositories.run(
        target.repoUrl(),
        repo -> {
          ObjectId head = repo.fetch(target.branch());
          RevCommit earlier =
              repo.findStepCommit(
                  head,
                  request.releaseId(),
                  request.targetEnvironment(),
                  request.product(),
                  HISTORY_LIMIT);
          return Optional.ofNullable(earlier).map(commit -> found(repo, request, commit));
        });
  }

  /** A commit the step made, as a result: the version it put in the target, when one is read. */
  private Result found(CachedRepository repo, Request request, RevCommit commit) {
    String version = null;
    if (request.template() != null && request.template().versionSource() != null) {
      version =
          PromotionPlanner.version(
              repo.files(commit, request.target().path()),
              request.template().versionSource(),
              request.targetEnvironment());
    }
    return new Result(
        commit.name(),
        version,
        true,
        "Found "
            + commit.abbreviate(7).name()
            + ", which this step pushed, on "
            + request.target().branch());
  }

  private Future<Source> readSource(Request request) {
    Application app = request.source();
    Arrival arrival = repositories.arrive();
    return repositories.run(
        app.repoUrl(),
        repo -> {
          RevCommit commit = repo.pinnedCommit(request.sourceCommit(), app.branch(), arrival);
          return new Source(commit.name(), repo.files(commit, app.path()));
        });
  }

  private Future<Result> attempt(Request request, Source source, String branch, int attempt) {
    return repositories
        .run(request.target().repoUrl(), repo -> commitOnce(repo, request, source, branch))
        .compose(
            outcome -> {
              if (!outcome.rejected()) {
                return Future.succeededFuture(outcome.result());
              }
              if (attempt >= pushAttempts) {
                return Future.failedFuture(
                    new GitException(
                        "pushing to "
                            + branch
                            + " of "
                            + GitRemotes.redact(request.target().repoUrl())
                            + " was rejected "
                            + attempt
                            + " times: others keep pushing; the step can be retried"));
              }
              LOG.info(
                  "push of {} to {} rejected (attempt {}), redoing it on the new head",
                  request.idempotencyKey(),
                  request.targetEnvironment(),
                  attempt);
              return vertx
                  .timer(backoff(attempt).toMillis())
                  .compose(v -> attempt(request, source, branch, attempt + 1));
            });
  }

  /** Jittered exponential backoff: about 100 ms, 200 ms, 400 ms... at most about 3 s. */
  static Duration backoff(int attempt) {
    long base = Math.min(3_000, 100L << Math.min(attempt - 1, 5));
    return Duration.ofMillis(
        Math.max(1, (long) (base * ThreadLocalRandom.current().nextDouble(0.5, 1.5))));
  }

  private Attempt commitOnce(CachedRepository repo, Request request, Source source, String branch)
      throws Exception {
    Application target = request.target();
    ObjectId head = repo.fetch(target.branch());
    ObjectId own = branch.equals(target.branch()) ? head : repo.head(branch);
    RevCommit earlier =
        repo.findStepCommit(
            own,
            request.releaseId(),
            request.targetEnvironment(),
            request.product(),
            HISTORY_LIMIT);
    if (earlier != null) {
      return done(adopted(repo, request, source, earlier, branch));
    }
    RevCommit headCommit = head == null ? null : repo.commit(head.name());
    Plan plan =
        new PromotionPlanner(request.sourceEnvironment(), request.targetEnvironment())
            .plan(source.files(), repo.files(headCommit, target.path()), request.template());
    if (plan.isEmpty()) {
      return done(
          new Result(
              head == null ? null : head.name(),
              plan.version(),
              false,
              request.targetEnvironment()
                  + " already holds "
                  + what(request, plan.version())
                  + "; no commit made"));
    }
    String message =
        CommitMessage.of(
            request.product(),
            plan.version(),
            request.sourceEnvironment(),
            request.targetEnvironment(),
            request.releaseId(),
            request.idempotencyKey(),
            source.commit());
    ObjectId commit =
        repo.writeCommit(head, target.path(), plan.changes(), author.ident(clock), message);
    pushHook.beforePush(repo, branch);
    requireCurrent(request);
    if (repo.push(commit, branch) == CachedRepository.PushOutcome.REJECTED) {
      return new Attempt(null, true);
    }
    return done(
        new Result(
            commit.name(),
            plan.version(),
            true,
            "Committed "
                + commit.abbreviate(7).name()
                + " to "
                + branch
                + " for "
                + request.targetEnvironment()
                + ": "
                + plan.summary()));
  }

  /**
   * Asks, on this worker thread, whether the attempt is still the step's running one: a step
   * terminated meanwhile must not push.
   */
  private static void requireCurrent(Request request) throws Exception {
    boolean current;
    try {
      current =
          request
              .fence()
              .isCurrent()
              .toCompletionStage()
              .toCompletableFuture()
              .get(FENCE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new GitException(
          "could not tell whether step " + request.idempotencyKey() + " still runs", e);
    }
    if (!current) {
      throw new PromotionFailure("the step stopped running before its push; nothing was pushed");
    }
  }

  private Result adopted(
      CachedRepository repo, Request request, Source source, RevCommit earlier, String branch) {
    String version = null;
    if (request.template() != null && request.template().versionSource() != null) {
      Map<String, FileEntry> files = repo.files(earlier, request.target().path());
      version =
          PromotionPlanner.version(
              files, request.template().versionSource(), request.targetEnvironment());
      if (version == null) {
        version =
            PromotionPlanner.version(
                source.files(), request.template().versionSource(), request.sourceEnvironment());
      }
    }
    return new Result(
        earlier.name(),
        version,
        true,
        "Adopted "
            + earlier.abbreviate(7).name()
            + ", which this step pushed earlier, to "
            + branch
            + " for "
            + request.targetEnvironment());
  }

  private static String what(Request request, String version) {
    return version == null
        ? "what " + request.sourceEnvironment() + " has"
        : request.product() + " " + version;
  }

  private static Attempt done(Result result) {
    return new Attempt(result, false);
  }
}
