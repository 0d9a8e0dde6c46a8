package io.baton.git;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The local caches of remote repositories, one bare repository per remote under {@code <data
 * dir>/git-cache}, fetched rather than re-cloned. All work on one cache runs on worker threads, one
 * piece of work at a time and in the order it was asked for, so fetches, commits and pushes on the
 * same remote never interleave; work on different remotes runs in parallel. Work asked for while
 * the cache is busy runs right after, on the same worker ({@link WorkQueue}).
 */
public final class GitRepositories implements AutoCloseable {
  private final Vertx vertx;
  private final Path root;
  private final GitRemotes remotes;
  private final Clock clock;
  private final Map<String, Cache> caches = new ConcurrentHashMap<>();
  private final AtomicLong arrivals = new AtomicLong();

  public GitRepositories(Vertx vertx, Path root, GitRemotes remotes, Clock clock) {
    this.vertx = vertx;
    this.root = root;
    this.remotes = remotes;
    this.clock = clock;
  }

  /**
   * A request for the state of remotes arrives now: a fetch that starts from here on serves it (see
   * {@link CachedRepository#fetchAfter}).
   */
  Arrival arrive() {
    return new Arrival(arrivals.incrementAndGet());
  }

  /** Blocking work on one cached repository. */
  @FunctionalInterface
  public interface Work<T> {
    T run(CachedRepository repository) throws Exception;
  }

  /**
   * Runs {@code work} on the cache of {@code url}, after any work already queued for it, on a
   * worker thread.
   */
  public <T> Future<T> run(String url, Work<T> work) {
    Cache cache = caches.computeIfAbsent(url.trim(), this::cache);
    return cache.queue.submit(
        () -> {
          remotes.requireAllowed(cache.url);
          return work.run(cache.open());
        });
  }

  private Cache cache(String url) {
    return new Cache(url, root.resolve(directoryName(url)), new WorkQueue(vertx));
  }

  /**
   * A readable, unique folder name for a remote: its host and path, and a hash of the whole URL.
   */
  static String directoryName(String url) {
    String readable =
        GitRemotes.redact(url)
            .replaceFirst("^[a-zA-Z]+://", "")
            .replaceAll("[^A-Za-z0-9._-]+", "_");
    readable = readable.replaceAll("^[._]+", "");
    if (readable.length() > 60) {
      readable = readable.substring(readable.length() - 60);
    }
    return readable + "-" + sha1(url).substring(0, 12) + ".git";
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    caches.values().forEach(Cache::close);
    caches.clear();
    remotes.close();
  }

  private final class Cache {
    final String url;
    final Path directory;
    final WorkQueue queue;
    private CachedRepository repository;

    Cache(String url, Path directory, WorkQueue queue) {
      this.url = url;
      this.directory = directory;
      this.queue = queue;
    }

    /** Opens (creating if needed) the bare repository; only called from this cache's queue. */
    CachedRepository open() throws IOException {
      if (repository == null) {
        Files.createDirectories(directory);
        Repository repo =
            new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().build();
        if (!repo.getObjectDatabase().exists()) {
          repo.create(true);
        }
        refuseRedirects(repo);
        repository = new CachedRepository(url, repo, remotes, clock, arrivals::get);
      }
      return repository;
    }

    /**
     * A remote answers for its own URL only: a redirect could lead the fetch to an address Baton
     * never contacts (a cloud's metadata service), past the check of the URL.
     */
    private static void refuseRedirects(Repository repo) throws IOException {
      StoredConfig config = repo.getConfig();
      config.setString("http", null, "followRedirects", "false");
      config.save();
    }

    synchronized void close() {
      if (repository != null) {
        repository.repository().close();
      }
    }
  }
}
