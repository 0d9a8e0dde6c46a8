package io.baton.rollback;

import io.baton.audit.Audit;
import io.baton.auth.Principal;
import io.baton.environment.Environment;
import io.baton.environment.EnvironmentService;
import io.baton.error.BatonException;
import io.baton.error.ErrorCode;
import io.baton.product.Application;
import io.baton.product.ApplicationService;
import io.baton.product.Product;
import io.baton.product.ProductService;
import io.baton.release.PromotionFailure;
import io.baton.release.Release;
import io.baton.release.ReleaseService;
import io.baton.release.ReleaseStep;
import io.baton.release.TriggerSource;
import io.vertx.core.Future;
import java.util.List;

/**
 * {@code rollback} and {@code rollbackPreview}: putting an application back to the promoted values
 * an earlier release left in it, as a release of its own (see {@link RollbackDraft}).
 */
public final class Rollbacks {
  private final ProductService products;
  private final EnvironmentService environments;
  private final ApplicationService applications;
  private final ReleaseService releases;
  private final RollbackReader reader;

  public Rollbacks(
      ProductService products,
      EnvironmentService environments,
      ApplicationService applications,
      ReleaseService releases,
      RollbackReader reader) {
    this.products = products;
    this.environments = environments;
    this.applications = applications;
    this.releases = releases;
    this.reader = reader;
  }

  /** Which application to roll back, and the release whose values it gets back. */
  public record Input(String product, String environment, String toRelease) {}

  /** The application, and the commit the earlier release made in it. */
  private record Target(
      Product product, Environment environment, Application application, String commit) {}

  public Future<RollbackPreview> preview(Input input) {
    return targetOf(input).compose(this::previewOf);
  }

  /**
   * Makes the rollback's release for {@code by}, audited with it; CONFLICT when the application
   * already holds the values.
   */
  public Future<Release> rollback(Input input, Principal by, Audit audit) {
    Future<Target> target = targetOf(input);
    return target
        .compose(this::previewOf)
        .map(preview -> requireChanges(input, target.result(), preview))
        .compose(preview -> releases.create(draftOf(target.result(), by, audit)));
  }

  private static RollbackDraft draftOf(Target target, Principal by, Audit audit) {
    return new RollbackDraft(
        target.product(),
        new TriggerSource.Person(by),
        audit,
        target.application(),
        target.environment(),
        target.commit());
  }

  private static RollbackPreview requireChanges(
      Input input, Target target, RollbackPreview preview) {
    if (preview.isEmpty()) {
      throw BatonException.conflict(
          "nothing to roll back: "
              + target.application().name()
              + " already holds the values release "
              + input.toRelease()
              + " left in it"
              + (preview.version() == null ? "" : " (version " + preview.version() + ")"));
    }
    return preview;
  }

  /** The product, the environment, the release and the application, each looked up in turn. */
  private Future<Target> targetOf(Input input) {
    Future<Product> product = products.get(input.product());
    Future<Environment> environment = product.compose(p -> environments.get(input.environment()));
    Future<Release> release =
        environment.compose(env -> releases.get(releaseId(input.toRelease())));
    Future<Application> application =
        release.compose(r -> applicationIn(product.result(), environment.result()));
    return application
        .compose(app -> releases.stepsOf(List.of(release.result().id())))
        .map(
            steps ->
                new Target(
                    product.result(),
                    environment.result(),
                    application.result(),
                    commitInto(
                        release.result(),
                        application.result(),
                        steps.getOrDefault(release.result().id(), List.of()))));
  }

  private static long releaseId(String toRelease) {
    try {
      return Long.parseLong(toRelease);
    } catch (NumberFormatException e) {
      throw BatonException.notFound("release", toRelease);
    }
  }

  private Future<Application> applicationIn(Product product, Environment environment) {
    return applications
        .findFor(product.id(), environment.id())
        .map(
            app -> {
              if (app == null) {
                throw new BatonException(
                    ErrorCode.NOT_FOUND,
                    "product \""
                        + product.name()
                        + "\" has no application in environment \""
                        + environment.name()
                        + "\"");
              }
              return app;
            });
  }

  /** The commit the release's step made in the application; refused when it made none. */
  private static String commitInto(
      Release release, Application application, List<ReleaseStep> steps) {
    return steps.stream()
        .filter(step -> Long.valueOf(application.id()).equals(step.applicationId()))
        .filter(step -> step.commitSha() != null)
        .map(ReleaseStep::commitSha)
        .findFirst()
        .orElseThrow(
            () ->
                BatonException.badInput(
                    "release "
                        + release.id()
                        + " never committed into application \""
                        + application.name()
                        + "\": Application.history lists the releases that did"));
  }

  private Future<RollbackPreview> previewOf(Target target) {
    return reader
        .preview(
            target.application(),
            target.environment().name(),
            target.product().promotionTemplate(),
            target.commit())
        .recover(failure -> Future.failedFuture(asClientError(target, failure)));
  }

  /** A rollback that cannot be made as things are is the client's to see, with Baton's message. */
  private static Throwable asClientError(Target target, Throwable failure) {
    if (failure instanceof PromotionFailure) {
      return BatonException.conflict(
          "cannot roll back " + target.application().name() + ": " + failure.getMessage());
    }
    return failure;
  }
}
