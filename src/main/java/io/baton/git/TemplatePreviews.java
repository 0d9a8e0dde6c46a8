package io.baton.git;

import io.baton.product.Application;
import io.baton.product.ApplicationService;
import io.baton.product.ProductService;
import io.baton.product.PromotionTemplate;
import io.baton.release.PromotionFailure;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * {@code promotionTemplatePreview}: a promotion template, before it is saved, read in each of the
 * product's applications at its branch's head: the version its version source finds, and each value
 * a promotion would copy. A person editing a template sees at once whether its files and JSONPaths
 * find what they mean.
 */
public final class TemplatePreviews {
  /** One value a promotion would copy: the file, the JSONPath, and the value there (null: none). */
  public record Value(String file, String jsonPath, String value) {}

  /** What the template reads in one application; {@code error} when the application was unread. */
  public record Preview(
      Application application, String version, List<Value> values, String error) {}

  /**
   * How long a fetched remote is read again without fetching: a preview follows typing, and each
   * pause would otherwise fetch every application's remote.
   */
  static final Duration FRESH_FOR = Duration.ofSeconds(10);

  private final GitRepositories repositories;
  private final ProductService products;
  private final ApplicationService applications;

  public TemplatePreviews(
      GitRepositories repositories, ProductService products, ApplicationService applications) {
    this.repositories = repositories;
    this.products = products;
    this.applications = applications;
  }

  /** The template read in each application of the product, in the applications' name order. */
  public Future<List<Preview>> preview(String product, PromotionTemplate template) {
    return products
        .get(product)
        .compose(p -> applications.byProducts(List.of(p.id())).map(byId -> byId.get(p.id())))
        .compose(apps -> previews(apps == null ? List.of() : apps, template));
  }

  private Future<List<Preview>> previews(List<Application> apps, PromotionTemplate template) {
    List<Future<Preview>> each = apps.stream().map(app -> preview(app, template)).toList();
    return Future.all(each).map(done -> each.stream().map(Future::result).toList());
  }

  private Future<Preview> preview(Application app, PromotionTemplate template) {
    return repositories
        .run(app.repoUrl(), repo -> read(repo, app, template))
        .recover(
            failure ->
                Future.succeededFuture(
                    new Preview(app, null, List.of(), ApplicationChecks.failed(failure).error())));
  }

  private static Preview read(CachedRepository repo, Application app, PromotionTemplate template) {
    ObjectId head = repo.fetchIfOlderThan(app.branch(), FRESH_FOR);
    if (head == null) {
      return new Preview(app, null, List.of(), "branch \"" + app.branch() + "\" does not exist");
    }
    Map<String, FileEntry> files = repo.files(repo.commit(head.name()), app.path());
    try {
      String version = PromotionPlanner.version(files, template.versionSource(), app.name());
      return new Preview(app, version, values(files, template, app.name()), null);
    } catch (PromotionFailure e) {
      return new Preview(app, null, List.of(), e.getMessage());
    }
  }

  /** Each file the template's entries match, with the value at each of its JSONPaths. */
  static List<Value> values(
      Map<String, FileEntry> files, PromotionTemplate template, String where) {
    List<Value> values = new ArrayList<>();
    for (PromotionTemplate.Entry entry : template.promotion()) {
      Glob glob = Glob.of(entry.file());
      List<String> matched = files.keySet().stream().filter(glob::matches).sorted().toList();
      if (matched.isEmpty()) {
        entry.jsonPaths().forEach(path -> values.add(new Value(entry.file(), path, null)));
      }
      for (String file : matched) {
        StructuredFile parsed =
            StructuredFile.parse(where + " " + file, files.get(file).text(where + " " + file));
        entry
            .jsonPaths()
            .forEach(
                path -> values.add(new Value(file, path, PromotionPlanner.version(parsed, path))));
      }
    }
    return values;
  }
}
