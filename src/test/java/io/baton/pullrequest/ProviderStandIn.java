package io.baton.pullrequest;

import io.baton.git.GitFixture;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * What every provider's stand-in shares: a real HTTP server on 127.0.0.1, the pull requests it
 * keeps in memory per repository path, backed by real bare Git repositories (a head branch must
 * exist to open a pull request; a merge really merges it into the base branch, making the merge
 * commit), the token it wants, and counts of what it was asked. Each provider's class answers that
 * provider's documented requests in its documented shapes.
 */
abstract class ProviderStandIn implements AutoCloseable {
  /** One pull request as the stand-in keeps it. */
  static final class Pull {
    final long number;
    final String repository;
    final String head;
    final String base;
    final String title;
    final String body;
    volatile String state = "open";
    volatile String mergeCommitSha;
    volatile String closedBy;

    Pull(long number, String repository, String head, String base, String title, String body) {
      this.number = number;
      this.repository = repository;
      this.head = head;
      this.base = base;
      this.title = title;
      this.body = body;
    }

    boolean isOpen() {
      return "open".equals(state);
    }
  }

  private final HttpServer server;
  final String token;
  private final Map<String, Path> repositories = new ConcurrentHashMap<>();
  private final Map<String, List<Pull>> pulls = new ConcurrentHashMap<>();
  private final AtomicInteger creates = new AtomicInteger();
  private final AtomicInteger gets = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  ProviderStandIn(Vertx vertx, String token) {
    this.token = token;
    this.server = vertx.createHttpServer().requestHandler(this::receive);
  }

  /** Listens on a free port of 127.0.0.1. */
  <T extends ProviderStandIn> T listen() throws Exception {
    server
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    @SuppressWarnings("unchecked")
    T self = (T) this;
    return self;
  }

  int port() {
    return server.actualPort();
  }

  /** The API's base URL, as {@code BATON_GIT_PROVIDERS} gives it. */
  abstract String apiUrl();

  /** Serves {@code path} (owner/name, or GitLab's group/name) from the bare repository. */
  void serve(String path, Path bare) {
    repositories.put(path, bare);
  }

  int creates() {
    return creates.get();
  }

  int gets() {
    return gets.get();
  }

  int refused() {
    return refused.get();
  }

  List<Pull> pulls(String repository) {
    return List.copyOf(pulls.getOrDefault(repository, List.of()));
  }

  Pull pull(String repository, long number) {
    return pulls(repository).stream()
        .filter(p -> p.number == number)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pull request #" + number + " in " + repository));
  }

  /**
   * {@code by} merges the pull request as the provider's merge button does: a merge commit of the
   * head branch into the base branch, pushed to the bare repository. Returns the merge commit.
   */
  String merge(String repository, long number, String by) {
    Pull pull = pull(repository, number);
    String sha =
        mergeInBare(
            repositories.get(repository),
            pull.base,
            pull.head,
            "Merge pull request #" + number + " from " + pull.head,
            new PersonIdent(by, by + "@example.com"));
    pull.mergeCommitSha = sha;
    pull.closedBy = by;
    pull.state = "merged";
    return sha;
  }

  /** {@code by} closes the pull request without merging it. */
  void close(String repository, long number, String by) {
    Pull pull = pull(repository, number);
    pull.closedBy = by;
    pull.state = "closed";
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Answers one request, or returns false for a route it does not know (404). */
  abstract boolean route(HttpServerRequest request, JsonObject body);

  /** Whether the request carries the token as this provider wants it. */
  abstract boolean authorized(HttpServerRequest request);

  private void receive(HttpServerRequest request) {
    request
        .body()
        .onComplete(
            ar -> {
              Buffer buffer = ar.succeeded() ? ar.result() : Buffer.buffer();
              if (!authorized(request)) {
                refused.incrementAndGet();
                respond(request, 401, new JsonObject().put("message", "Bad credentials"));
                return;
              }
              JsonObject body = buffer.length() == 0 ? null : buffer.toJsonObject();
              if (!route(request, body)) {
                respond(request, 404, new JsonObject().put("message", "Not Found"));
              }
            });
  }

  /** Opens a pull request, or refuses as the provider does (no such branch; one already open). */
  synchronized Opened open(
      String repository, String head, String base, String title, String description) {
    Path bare = repositories.get(repository);
    if (bare == null) {
      return Opened.refusal(404, "repository " + repository + " is not served");
    }
    if (!hasBranch(bare, head)) {
      return Opened.refusal(422, "head " + head + " does not exist");
    }
    List<Pull> list = pulls.computeIfAbsent(repository, r -> new ArrayList<>());
    for (Pull pull : list) {
      if (pull.isOpen() && pull.head.equals(head) && pull.base.equals(base)) {
        return Opened.refusal(422, "A pull request already exists for " + head + ".");
      }
    }
    creates.incrementAndGet();
    Pull pull = new Pull(list.size() + 1, repository, head, base, title, description);
    list.add(pull);
    return new Opened(pull, 201, null);
  }

  /** What opening a pull request came to: the pull request, or the provider's refusal. */
  record Opened(Pull pull, int status, String refusal) {
    static Opened refusal(int status, String why) {
      return new Opened(null, status, why);
    }
  }

  void countGet() {
    gets.incrementAndGet();
  }

  static void respond(HttpServerRequest request, int status, Object json) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(json.toString());
  }

  static String sha(Path bare, String branch) {
    try (Repository repo = Git.open(bare.toFile()).getRepository()) {
      ObjectId id = repo.resolve("refs/heads/" + branch);
      return id == null ? null : id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A branch made from {@code from}'s head with one commit of {@code files} on it. */
  static void branch(Path bare, String from, String branch, Map<String, String> files) {
    try (Repository repo = Git.open(bare.toFile()).getRepository()) {
      RefUpdate update = repo.updateRef("refs/heads/" + branch);
      update.setNewObjectId(repo.resolve("refs/heads/" + from));
      update.update();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitFixture.commit(bare, branch, files, "work on " + branch);
  }

  String headSha(Pull pull) {
    return sha(repositories.get(pull.repository), pull.head);
  }

  private static boolean hasBranch(Path bare, String branch) {
    return sha(bare, branch) != null;
  }

  private static String mergeInBare(
      Path bare, String base, String head, String message, PersonIdent who) {
    try {
      Path work = Files.createTempDirectory("stand-in-merge");
      try (Git git =
          Git.cloneRepository()
              .setURI(bare.toUri().toString())
              .setDirectory(work.toFile())
              .setBranch(base)
              .call()) {
        ObjectId theirs = git.getRepository().resolve("refs/remotes/origin/" + head);
        StoredConfig config = git.getRepository().getConfig();
        config.setString("user", null, "name", who.getName());
        config.setString("user", null, "email", who.getEmailAddress());
        config.save();
        RevCommit merge =
            git.merge()
                        .include(theirs)
                        .setFastForward(MergeCommand.FastForwardMode.NO_FF)
                        .setCommit(true)
                        .setMessage(message)
                        .call()
                        .getNewHead()
                    == null
                ? null
                : git.getRepository().parseCommit(git.getRepository().resolve("HEAD"));
        git.push().setRefSpecs(new RefSpec("HEAD:refs/heads/" + base)).call();
        return merge.name();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("the stand-in's merge failed", e);
    }
  }
}
