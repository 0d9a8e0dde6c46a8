package io.baton.git;

import io.baton.release.PromotionFailure;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.TooLargeObjectInPackException;
import org.eclipse.jgit.errors.TooLargePackException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bare local cache of one remote, with the few blocking operations a promotion needs. Only used
 * from its {@link GitRepositories} queue, so one operation at a time.
 */
public final class CachedRepository {
  private static final Logger LOG = LoggerFactory.getLogger(CachedRepository.class);
  static final String TRACKING = "refs/remotes/origin/";

  /**
   * What a push did: landed, or was rejected because the branch moved (and may be redone on the new
   * head).
   */
  enum PushOutcome {
    PUSHED,
    REJECTED
  }

  private final String url;
  private final Repository repository;
  private final GitRemotes remotes;
  static final Duration STALE_LOCK = Duration.ofSeconds(10);

  /** Versions read at commits kept for pins to come ({@link CommitVersions}). */
  static final int VERSIONS_KEPT = 4096;

  private final Clock clock;
  private final LongSupplier latestArrival;
  private final CommitVersions versions = new CommitVersions(VERSIONS_KEPT);

  /**
   * The branches' heads as last read, until a fetch or a push moves them: only this class changes
   * the cache's refs, so 300 pins served by one fetch read the ref once, not 300 times.
   */
  private final Map<String, Optional<ObjectId>> heads = new HashMap<>();

  private Instant fetchedAt = Instant.MIN;
  private long triedAfter;
  private GitException lastFailure;

  /** {@code latestArrival}: the order of the latest {@link Arrival} so far. */
  CachedRepository(
      String url,
      Repository repository,
      GitRemotes remotes,
      Clock clock,
      LongSupplier latestArrival) {
    this.url = url;
    this.repository = repository;
    this.remotes = remotes;
    this.clock = clock;
    this.latestArrival = latestArrival;
  }

  Repository repository() {
    return repository;
  }

  String url() {
    return url;
  }

  /** The versions read at this remote's commits so far. */
  CommitVersions versions() {
    return versions;
  }

  /**
   * Fetches every branch of the remote and returns the head of {@code branch}, or null when it has
   * none.
   */
  ObjectId fetch(String branch) {
    triedAfter = latestArrival.getAsLong();
    lastFailure = null;
    heads.clear();
    try (Git git = new Git(repository)) {
      remotes
          .configure(
              git.fetch()
                  .setRemote(url)
                  .setRefSpecs(new RefSpec("+refs/heads/*:" + TRACKING + "*"))
                  .setRemoveDeletedRefs(true)
                  .setTagOpt(TagOpt.NO_TAGS),
              url)
          .call();
      fetchedAt = clock.instant();
      return head(branch);
    } catch (GitAPIException | RuntimeException e) {
      LOG.warn("fetching {} failed: {}", GitRemotes.redact(url), RemoteFailure.detail(e));
      lastFailure =
          new GitException(
              "fetching " + GitRemotes.redact(url) + " failed: " + RemoteFailure.reason(e), e);
      throw lastFailure;
    }
  }

  /**
   * The head of {@code branch} as fetched by a fetch that started after {@code arrival}: the last
   * fetch when it did (failing as it did), a new one otherwise. So a request that reads one remote
   * many times fetches it once, and never reads what the remote held before the request arrived.
   */
  ObjectId fetchAfter(String branch, Arrival arrival) {
    if (!arrival.isServedBy(triedAfter)) {
      return fetch(branch);
    }
    if (lastFailure != null) {
      throw lastFailure;
    }
    return head(branch);
  }

  /**
   * The head of {@code branch} by a fetch that started after {@code arrival} (see {@link
   * #fetchAfter}); a missing branch is a {@link PromotionFailure}.
   */
  ObjectId fetchHeadAfter(String branch, Arrival arrival) {
    return existing(fetchAfter(branch, arrival), branch);
  }

  /**
   * The head of {@code branch}, fetching first unless the cache was fetched less than {@code
   * maxAge} ago.
   */
  ObjectId fetchIfOlderThan(String branch, Duration maxAge) {
    if (fetchedAt.plus(maxAge).isAfter(clock.instant())) {
      return head(branch);
    }
    return fetch(branch);
  }

  /** The head of {@code branch} as last fetched (or pushed). */
  ObjectId head(String branch) {
    Optional<ObjectId> known = heads.get(branch);
    if (known == null) {
      known = Optional.ofNullable(readHead(branch));
      heads.put(branch, known);
    }
    return known.orElse(null);
  }

  private ObjectId readHead(String branch) {
    try {
      Ref ref = repository.exactRef(TRACKING + branch);
      return ref == null ? null : ref.getObjectId();
    } catch (IOException e) {
      throw new GitException(
          "reading the cache of " + GitRemotes.redact(url) + " failed: " + e.getMessage(), e);
    }
  }

  /** The head of {@code branch} after a fetch; a missing branch is a {@link PromotionFailure}. */
  RevCommit fetchHead(String branch) {
    fetch(branch);
    return existingHead(branch);
  }

  private RevCommit existingHead(String branch) {
    return commit(existing(head(branch), branch).name());
  }

  private ObjectId existing(ObjectId head, String branch) {
    if (head == null) {
      throw new PromotionFailure(
          "branch " + branch + " does not exist in " + GitRemotes.redact(url));
    }
    return head;
  }

  /**
   * The pinned commit, fetched (by a fetch that started after {@code arrival}, see {@link
   * #fetchAfter}) when the cache does not have it yet. A commit the remote no longer has (a
   * rewritten branch) is a {@link PromotionFailure}.
   */
  RevCommit pinnedCommit(String sha, String branch, Arrival arrival) {
    if (!has(sha)) {
      fetchAfter(branch, arrival);
    }
    if (!has(sha)) {
      throw new PromotionFailure(
          "commit "
              + sha
              + " is no longer in "
              + GitRemotes.redact(url)
              + " (was "
              + branch
              + " rewritten?)");
    }
    return commit(sha);
  }

  boolean has(String sha) {
    try {
      return ObjectId.isId(sha) && repository.getObjectDatabase().has(ObjectId.fromString(sha));
    } catch (IOException e) {
      return false;
    }
  }

  RevCommit commit(String sha) {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(ObjectId.fromString(sha));
    } catch (MissingObjectException e) {
      throw new PromotionFailure("commit " + sha + " is not in " + GitRemotes.redact(url));
    } catch (IOException e) {
      throw new GitException(
          "reading commit " + sha + " of " + GitRemotes.redact(url) + " failed: " + e.getMessage(),
          e);
    }
  }

  /**
   * The files under {@code path} at {@code commit}, keyed by their path relative to {@code path}.
   */
  Map<String, FileEntry> files(RevCommit commit, String path) {
    Map<String, FileEntry> files = new TreeMap<>();
    if (commit == null) {
      return files;
    }
    try (TreeWalk walk = new TreeWalk(repository);
        ObjectReader reader = repository.newObjectReader()) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      if (!path.isEmpty()) {
        walk.setFilter(PathFilter.create(path));
      }
      while (walk.next()) {
        String full = walk.getPathString();
        if (full.length() <= path.length()) {
          continue;
        }
        String relative = path.isEmpty() ? full : full.substring(path.length() + 1);
        FileMode mode = walk.getFileMode(0);
        ObjectId id = walk.getObjectId(0);
        byte[] content =
            mode == FileMode.GITLINK ? null : reader.open(id, Constants.OBJ_BLOB).getBytes();
        files.put(relative, new FileEntry(mode, id, content));
      }
      return files;
    } catch (IOException e) {
      throw new GitException(
          "reading " + path + " of " + GitRemotes.redact(url) + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * One file at {@code commit}, by its path from the repository's root; null when it is not there.
   */
  FileEntry file(RevCommit commit, String fullPath) {
    try (ObjectReader reader = repository.newObjectReader();
        TreeWalk walk = TreeWalk.forPath(reader, fullPath, commit.getTree())) {
      if (walk == null
          || walk.getFileMode(0) == FileMode.TREE
          || walk.getFileMode(0) == FileMode.GITLINK) {
        return null;
      }
      ObjectId id = walk.getObjectId(0);
      return new FileEntry(walk.getFileMode(0), id, reader.open(id, Constants.OBJ_BLOB).getBytes());
    } catch (IOException e) {
      throw new GitException(
          "reading " + fullPath + " of " + GitRemotes.redact(url) + " failed: " + e.getMessage(),
          e);
    }
  }

  /**
   * The commit a step (release, environment, product) already made on the branch, found by its
   * trailers among the last {@code limit} commits; null when there is none.
   */
  RevCommit findStepCommit(
      ObjectId head, long releaseId, String environment, String product, int limit) {
    if (head == null) {
      return null;
    }
    try (RevWalk walk = new RevWalk(repository)) {
      walk.markStart(walk.parseCommit(head));
      int seen = 0;
      for (RevCommit commit : walk) {
        if (++seen > limit) {
          return null;
        }
        if (CommitMessage.isStep(commit, releaseId, environment, product)) {
          return commit;
        }
      }
      return null;
    } catch (IOException e) {
      throw new GitException(
          "reading the history of " + GitRemotes.redact(url) + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Writes a commit on top of {@code parent} (null: a first commit) with the changes applied under
   * {@code path}.
   */
  ObjectId writeCommit(
      ObjectId parent, String path, List<FileChange> changes, PersonIdent author, String message) {
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = repository.newObjectReader()) {
      DirCache index = DirCache.newInCore();
      if (parent != null) {
        DirCacheBuilder builder = index.builder();
        builder.addTree(
            new byte[0], DirCacheEntry.STAGE_0, reader, commit(parent.name()).getTree());
        builder.finish();
      }
      DirCacheEditor editor = index.editor();
      for (FileChange change : changes) {
        editor.add(edit(inserter, join(path, change.path()), change.after()));
      }
      editor.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      if (parent != null) {
        commit.setParentId(parent);
      }
      commit.setAuthor(author);
      commit.setCommitter(author);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    } catch (IOException e) {
      throw new GitException(
          "writing a commit in the cache of "
              + GitRemotes.redact(url)
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  private static DirCacheEditor.PathEdit edit(ObjectInserter inserter, String path, FileEntry after)
      throws IOException {
    if (after == null) {
      return new DirCacheEditor.DeletePath(path);
    }
    ObjectId id =
        after.mode() == FileMode.GITLINK
            ? after.id()
            : inserter.insert(Constants.OBJ_BLOB, after.content());
    return new DirCacheEditor.PathEdit(path) {
      @Override
      public void apply(DirCacheEntry entry) {
        entry.setFileMode(after.mode());
        entry.setObjectId(id);
      }
    };
  }

  static String join(String path, String relative) {
    return path.isEmpty() ? relative : path + "/" + relative;
  }

  /**
   * Pushes {@code commit} to {@code branch}, never forcing: the remote accepts it only as a
   * fast-forward of its head. On success the cache's view of the branch moves to the commit.
   */
  PushOutcome push(ObjectId commit, String branch) {
    String ref = Constants.R_HEADS + branch;
    Iterable<PushResult> results;
    try (Git git = new Git(repository)) {
      results =
          remotes
              .configure(
                  git.push()
                      .setRemote(url)
                      .setRefSpecs(new RefSpec(commit.name() + ":" + ref))
                      .setForce(false),
                  url)
              .call();
    } catch (GitAPIException | RuntimeException e) {
      if (isTooLarge(e)) {
        throw new PromotionFailure(
            GitRemotes.redact(url) + " refused the push to " + branch + ": " + reason(e), e);
      }
      throw new GitException(
          "pushing to " + branch + " of " + GitRemotes.redact(url) + " failed: " + reason(e), e);
    }
    for (PushResult result : results) {
      RemoteRefUpdate update = result.getRemoteUpdate(ref);
      if (update != null) {
        return outcome(update, commit, branch);
      }
    }
    throw new GitException(
        "pushing to " + branch + " of " + GitRemotes.redact(url) + " gave no result");
  }

  private PushOutcome outcome(RemoteRefUpdate update, ObjectId commit, String branch) {
    return switch (update.getStatus()) {
      case OK, UP_TO_DATE -> {
        track(branch, commit);
        yield PushOutcome.PUSHED;
      }
      case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> PushOutcome.REJECTED;
      case REJECTED_OTHER_REASON -> refused(update, commit, branch);
      case REJECTED_NODELETE, NON_EXISTING, NOT_ATTEMPTED, AWAITING_REPORT ->
          throw new GitException(
              "pushing to "
                  + branch
                  + " of "
                  + GitRemotes.redact(url)
                  + " did not happen: "
                  + update.getStatus());
    };
  }

  /**
   * The remote refused the update for a reason of its own. The protocol says why only in free text,
   * so what happens next is decided by what the remote holds now, never by the text's words: the
   * branch moved (another writer won the race between the remote's advertisement and its update) or
   * is held by a lock file on this machine: redo the promotion; the branch is where it was and
   * unlocked: the remote's policy refused it (a hook, a protected branch), a failure that carries
   * the remote's words.
   */
  private PushOutcome refused(RemoteRefUpdate update, ObjectId commit, String branch) {
    ObjectId base = parentOf(commit);
    ObjectId now = fetch(branch);
    if (commit.equals(now)) {
      return PushOutcome.PUSHED;
    }
    if (!Objects.equals(base, now) || isLocked(update.getRemoteName())) {
      return PushOutcome.REJECTED;
    }
    throw new PromotionFailure(
        GitRemotes.redact(url)
            + " refused the push to "
            + branch
            + ": "
            + remoteWords(update.getMessage()));
  }

  private ObjectId parentOf(ObjectId commit) {
    RevCommit parsed = commit(commit.name());
    return parsed.getParentCount() == 0 ? null : parsed.getParent(0).copy();
  }

  /** A remote's reason, as one line of bounded length: it is shown to people. */
  static String remoteWords(String message) {
    if (message == null || message.isBlank()) {
      return "no reason given";
    }
    String line = message.replaceAll("\\p{Cntrl}+", " ").strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  /**
   * A writer that died while updating a branch of a repository on this machine (file:// or a path)
   * leaves the branch's lock file behind, and every push after it fails. A live writer holds that
   * lock for milliseconds, so one older than {@link #STALE_LOCK} belongs to no one: it is removed,
   * and the redone push goes through. True when the branch was locked.
   */
  private boolean isLocked(String ref) {
    Optional<Path> gitDir = localGitDir(url);
    if (gitDir.isEmpty()) {
      return false;
    }
    Path lock = gitDir.get().resolve(ref + ".lock");
    try {
      Instant modified = Files.getLastModifiedTime(lock).toInstant();
      if (modified.plus(STALE_LOCK).isBefore(clock.instant())) {
        Files.deleteIfExists(lock);
        LOG.warn("removed the stale lock {} left by a writer that stopped mid-update", lock);
      }
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      LOG.warn("could not check the lock {}: {}", lock, e.getMessage());
      return true;
    }
  }

  static Optional<Path> localGitDir(String url) {
    Path dir;
    if (url.startsWith("file:")) {
      dir = Path.of(URI.create(url));
    } else if (url.startsWith("/")) {
      dir = Path.of(url);
    } else {
      return Optional.empty();
    }
    Path dotGit = dir.resolve(".git");
    return Optional.of(Files.isDirectory(dotGit) ? dotGit : dir);
  }

  private void track(String branch, ObjectId commit) {
    heads.remove(branch);
    try {
      RefUpdate update = repository.updateRef(TRACKING + branch);
      update.setNewObjectId(commit);
      update.setForceUpdate(true);
      update.update();
    } catch (IOException e) {
      throw new GitException(
          "updating the cache of " + GitRemotes.redact(url) + " failed: " + e.getMessage(), e);
    }
  }

  /** The remote's size limits refuse the commit as it is: pushing it again cannot help. */
  private static boolean isTooLarge(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof TooLargePackException
          || cause instanceof TooLargeObjectInPackException) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }

  /** What failed, by the failure's type; never the remote's own words (see RemoteFailure). */
  private static String reason(Throwable e) {
    LOG.warn("a remote operation failed: {}", RemoteFailure.detail(e));
    return RemoteFailure.reason(e);
  }
}
