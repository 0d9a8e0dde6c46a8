package io.baton.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Real Git repositories for tests: bare ones served by file://, filled through a clone as a person would. */
public final class TestRepos {
  private TestRepos() {}

  /** A bare repository with one commit on main holding {@code files} (path -> content); returns its file:// URL. */
  public static String bare(Path parent, String name, Map<String, String> files) {
    try {
      Path bare = parent.resolve(name + ".git");
      Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
      commit(bare, files, "initial layout");
      return bare.toUri().toString();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Pushes a commit to a bare repository's main, as someone else would. */
  public static void commit(Path bare, Map<String, String> files, String message) {
    try {
      Path work = Files.createTempDirectory("work");
      try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call()) {
        if (git.getRepository().resolve("HEAD") == null) {
          git.checkout().setOrphan(true).setName("main").call();
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
          Path path = work.resolve(file.getKey());
          Files.createDirectories(path.getParent());
          Files.writeString(path, file.getValue());
        }
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor("Someone", "someone@example.com")
            .setCommitter("Someone", "someone@example.com").call();
        git.push().setRemote("origin").add("main").call();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The commits on a bare repository's main, newest first. */
  public static List<RevCommit> log(Path bare) {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build(); Git git = new Git(repo)) {
      List<RevCommit> commits = new ArrayList<>();
      git.log().add(repo.resolve("refs/heads/main")).call().forEach(commits::add);
      return commits;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }
}
