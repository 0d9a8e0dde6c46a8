package io.baton.git;

import io.baton.error.BatonException;
import io.baton.product.ApplicationService;
import io.baton.product.Product;
import io.baton.product.ProductService;
import io.baton.product.PromotionTemplate;
import io.baton.product.PromotionTemplate.VersionSource;
import io.baton.release.PromotionFailure;
import io.vertx.core.Future;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * {@code checkApplication}: reads a repository as an application at that place would be read, now,
 * so a person setting one up learns at once whether Baton can reach it and what version it finds
 * there, or exactly why not: the host is unknown, the remote refused to sign in, the branch or the
 * path is missing, the version source finds nothing.
 */
public final class ApplicationChecks {
  /** What stopped the check, told from the failure's type. */
  public enum Problem {
    /** The URL is not one Baton reads (not allowed, or not a Git URL). */
    NOT_ALLOWED,
    /** The host name could not be resolved. */
    UNKNOWN_HOST,
    /** The remote refused the request: not signed in, not permitted. */
    AUTHENTICATION,
    /** The host answered, but there is no Git repository at the URL. */
    REPOSITORY,
    /** The remote could not be reached or read otherwise (refused, timed out, TLS). */
    UNREACHABLE,
    /** The branch does not exist. */
    BRANCH,
    /** Nothing is under the path on the branch. */
    PATH,
    /** The product's version source finds no version there. */
    VERSION
  }

  /** Where to look: the fields of an application, and the product whose version source reads it. */
  public record Target(String repoUrl, String branch, String path, String product) {}

  /**
   * What was found: the head commit and the version (null without a version source) when {@code
   * problem} is null; otherwise what stopped the check and a message for people.
   */
  public record Result(String commit, String version, Problem problem, String error) {
    public boolean ok() {
      return problem == null;
    }

    static Result found(String commit, String version) {
      return new Result(commit, version, null, null);
    }

    static Result failed(Problem problem, String error) {
      return new Result(null, null, problem, error);
    }
  }

  private final GitRepositories repositories;
  private final ProductService products;

  public ApplicationChecks(GitRepositories repositories, ProductService products) {
    this.repositories = repositories;
    this.products = products;
  }

  public Future<Result> check(Target target) {
    try {
      ApplicationService.requireRepoUrl(target.repoUrl());
    } catch (BatonException e) {
      return Future.failedFuture(e);
    }
    String branch =
        target.branch() == null || target.branch().isBlank() ? "main" : target.branch().trim();
    String path = target.path() == null ? "" : normalisePath(target.path());
    return template(target.product())
        .compose(
            template ->
                repositories
                    .run(target.repoUrl().trim(), repo -> read(repo, branch, path, template))
                    .recover(failure -> Future.succeededFuture(failed(failure))));
  }

  private Future<PromotionTemplate> template(String product) {
    if (product == null || product.isBlank()) {
      return Future.succeededFuture(null);
    }
    return products.get(product).map(Product::promotionTemplate);
  }

  private static Result read(
      CachedRepository repo, String branch, String path, PromotionTemplate template) {
    ObjectId head = repo.fetch(branch);
    if (head == null) {
      return Result.failed(
          Problem.BRANCH,
          "branch \"" + branch + "\" does not exist in " + GitRemotes.redact(repo.url()));
    }
    RevCommit commit = repo.commit(head.name());
    Map<String, FileEntry> files = repo.files(commit, path);
    if (files.isEmpty()) {
      return Result.failed(
          Problem.PATH,
          "path \"" + path + "\" does not exist on branch \"" + branch + "\" (or holds no files)");
    }
    VersionSource source = template == null ? null : template.versionSource();
    if (source == null) {
      return Result.found(head.name(), null);
    }
    String version;
    try {
      version = PromotionPlanner.version(files, source, "the application's");
    } catch (PromotionFailure e) {
      return Result.failed(Problem.VERSION, e.getMessage());
    }
    if (version == null) {
      return Result.failed(
          Problem.VERSION,
          "no version at "
              + source.jsonPath()
              + " in "
              + source.file()
              + " under path \""
              + path
              + "\" on branch \""
              + branch
              + "\"");
    }
    return Result.found(head.name(), version);
  }

  /** The failure of a fetch, by its type: the message says what to do about it. */
  static Result failed(Throwable failure) {
    if (failure instanceof RemoteAccess.Refused refused) {
      return Result.failed(Problem.NOT_ALLOWED, refused.getMessage());
    }
    if (failure instanceof BatonException baton) {
      return Result.failed(Problem.NOT_ALLOWED, baton.getMessage());
    }
    String reason = RemoteFailure.reason(failure);
    if (has(failure, UnknownHostException.class)) {
      return Result.failed(Problem.UNKNOWN_HOST, "unknown host: " + reason);
    }
    if (has(failure, NoRemoteRepositoryException.class)
        || has(failure, InvalidRemoteException.class)) {
      return Result.failed(Problem.REPOSITORY, "repository not found: " + reason);
    }
    if (has(failure, ConnectException.class)
        || has(failure, NoRouteToHostException.class)
        || has(failure, InterruptedIOException.class)
        || has(failure, SSLException.class)
        || has(failure, PackProtocolException.class)
        || !has(failure, TransportException.class)) {
      return Result.failed(Problem.UNREACHABLE, "the remote could not be read: " + reason);
    }
    return Result.failed(
        Problem.AUTHENTICATION,
        "authentication failed: the remote refused the request; give the host's token in"
            + " BATON_GIT_TOKENS (https) or the key in BATON_GIT_SSH_KEY (ssh)");
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  private static String normalisePath(String path) {
    return path.trim().replace('\\', '/').replaceAll("/+", "/").replaceAll("^/|/$", "");
  }
}
