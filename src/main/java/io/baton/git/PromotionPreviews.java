package io.baton.git;

import io.baton.environment.Environment;
import io.baton.environment.EnvironmentService;
import io.baton.error.BatonException;
import io.baton.error.ErrorCode;
import io.baton.product.Application;
import io.baton.product.ApplicationService;
import io.baton.product.Product;
import io.baton.product.ProductService;
import io.baton.product.PromotionTemplate;
import io.baton.release.PromotionFailure;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * {@code promotionPreview}: what promoting a product from one environment to another would commit
 * now (the source at its branch's head, into the target at its branch's head), as a unified diff
 * per file, without committing.
 */
public final class PromotionPreviews {
  private final GitRepositories repositories;
  private final ProductService products;
  private final EnvironmentService environments;
  private final ApplicationService applications;

  public PromotionPreviews(
      GitRepositories repositories,
      ProductService products,
      EnvironmentService environments,
      ApplicationService applications) {
    this.repositories = repositories;
    this.products = products;
    this.environments = environments;
    this.applications = applications;
  }

  private record Sides(Product product, Application source, Application target) {}

  /** A budget of remote reads for one request, to share between the previews it asks for. */
  public RemoteReads newRequest() {
    return new RemoteReads(repositories.arrive());
  }

  public Future<PromotionPreview> preview(
      String product, String sourceEnvironment, String targetEnvironment, RemoteReads reads) {
    return sides(product, sourceEnvironment, targetEnvironment)
        .compose(sides -> admit(sides, reads))
        .compose(
            sides ->
                sourceFiles(sides.source(), reads)
                    .compose(
                        files ->
                            previewInto(sides, sourceEnvironment, targetEnvironment, files, reads)))
        .recover(failure -> Future.failedFuture(asClientError(failure)));
  }

  private static Future<Sides> admit(Sides sides, RemoteReads reads) {
    reads.admit(sides.source().repoUrl());
    reads.admit(sides.target().repoUrl());
    return Future.succeededFuture(sides);
  }

  private Future<Sides> sides(
      String productName, String sourceEnvironment, String targetEnvironment) {
    return products
        .get(productName)
        .compose(
            product ->
                Future.all(
                        application(product, sourceEnvironment),
                        application(product, targetEnvironment))
                    .map(both -> new Sides(product, both.resultAt(0), both.resultAt(1))));
  }

  private Future<Application> application(Product product, String environmentName) {
    return environments
        .get(environmentName)
        .compose((Environment env) -> applications.findFor(product.id(), env.id()))
        .map(
            app -> {
              if (app == null) {
                throw new BatonException(
                    ErrorCode.NOT_FOUND,
                    "product \""
                        + product.name()
                        + "\" has no application in environment \""
                        + environmentName
                        + "\"");
              }
              return app;
            });
  }

  private Future<Map<String, FileEntry>> sourceFiles(Application source, RemoteReads reads) {
    return repositories.run(
        source.repoUrl(),
        repo ->
            repo.files(
                repo.commit(repo.fetchHeadAfter(source.branch(), reads.arrival()).name()),
                source.path()));
  }

  private Future<PromotionPreview> previewInto(
      Sides sides,
      String sourceEnvironment,
      String targetEnvironment,
      Map<String, FileEntry> sourceFiles,
      RemoteReads reads) {
    Application target = sides.target();
    PromotionTemplate template = sides.product().promotionTemplate();
    return repositories.run(
        target.repoUrl(),
        repo -> {
          var head = repo.fetchAfter(target.branch(), reads.arrival());
          RevCommit commit = head == null ? null : repo.commit(head.name());
          Plan plan =
              new PromotionPlanner(sourceEnvironment, targetEnvironment)
                  .plan(sourceFiles, repo.files(commit, target.path()), template);
          List<PromotionPreview.FileDiff> diffs =
              plan.changes().stream().map(change -> diff(target, change)).toList();
          return new PromotionPreview(diffs, plan.version());
        });
  }

  static PromotionPreview.FileDiff diff(Application target, FileChange change) {
    String path = CachedRepository.join(target.path(), change.path());
    return new PromotionPreview.FileDiff(
        path, UnifiedDiff.of(path, content(change.before()), content(change.after())));
  }

  private static byte[] content(FileEntry entry) {
    if (entry == null) {
      return null;
    }
    return entry.content() == null
        ? ("Subproject commit " + entry.id().name() + "\n").getBytes()
        : entry.content();
  }

  /** A preview that cannot be made as things are is the client's to see, with Baton's message. */
  private static Throwable asClientError(Throwable failure) {
    if (failure instanceof PromotionFailure) {
      return new BatonException(ErrorCode.CONFLICT, failure.getMessage());
    }
    if (failure instanceof GitException) {
      return new BatonException(ErrorCode.INTERNAL, failure.getMessage());
    }
    return failure;
  }
}
