package io.baton.config;

import io.baton.environment.Environment;
import io.baton.flow.FlowYaml.Fields;
import io.baton.product.Application;
import io.baton.product.ApplicationService;
import io.baton.product.ApplicationService.NewApplication;
import io.baton.product.Product;
import io.baton.product.RepoUrl;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code kind: Application}: the fields of CreateApplicationInput. An application stays with its
 * product and environment: moving it is a new application under a new name.
 */
final class ApplicationDocuments implements DocumentKind<ApplicationDocuments.Spec> {
  static final String KIND = "Application";
  private static final Set<String> FIELDS =
      Set.of("product", "environment", "repoUrl", "branch", "path", "argocdApplication");

  private final ApplicationService applications;

  ApplicationDocuments(ApplicationService applications) {
    this.applications = applications;
  }

  /** {@code argocdApplication}: null when it is the application's own name. */
  record Spec(
      String product,
      String environment,
      String repoUrl,
      String branch,
      String path,
      String argocdApplication) {}

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Spec read(String name, Node document, Lines lines) {
    Fields spec = CatalogDocument.spec(document, FIELDS);
    for (String field : FIELDS) {
      if (spec.has(field)) {
        lines.put("spec." + field, spec.line(field));
      }
    }
    String repoUrl = spec.requiredText("repoUrl");
    lines.at(
        "spec.repoUrl",
        () -> {
          ApplicationService.requireRepoUrl(repoUrl);
          return repoUrl;
        });
    String branch = spec.text("branch");
    String path = spec.text("path");
    String argocd = spec.text("argocdApplication");
    return new Spec(
        spec.requiredText("product"),
        spec.requiredText("environment"),
        repoUrl.trim(),
        branch == null || branch.isBlank() ? "main" : branch.trim(),
        lines.at("spec.path", () -> ApplicationService.normalisePath(path)),
        ownName(
            name,
            lines.at(
                "spec.argocdApplication", () -> ApplicationService.argocdApplication(argocd))));
  }

  private static String ownName(String name, String argocdApplication) {
    return name.equals(argocdApplication) ? null : argocdApplication;
  }

  @Override
  public Spec check(Spec spec, Lines lines, Known known) {
    if (!known.has(ProductDocuments.KIND, spec.product())) {
      throw lines.invalid("spec.product", "there is no product \"" + spec.product() + "\"");
    }
    if (!known.has(EnvironmentDocuments.KIND, spec.environment())) {
      throw lines.invalid(
          "spec.environment", "there is no environment \"" + spec.environment() + "\"");
    }
    return spec;
  }

  /** By product, then by the position of the environment, as a dashboard shows them. */
  @Override
  public LinkedHashMap<String, Spec> current(Catalog catalog) {
    Map<Long, Product> products =
        catalog.products().stream().collect(Collectors.toMap(Product::id, Function.identity()));
    Map<Long, Environment> environments =
        catalog.environments().stream()
            .collect(Collectors.toMap(Environment::id, Function.identity()));
    LinkedHashMap<String, Spec> all = new LinkedHashMap<>();
    catalog.applications().stream()
        .sorted(
            Comparator.comparing((Application a) -> products.get(a.productId()).name())
                .thenComparing(a -> environments.get(a.environmentId()).position())
                .thenComparing(Application::name))
        .forEach(
            a ->
                all.put(
                    a.name(),
                    new Spec(
                        products.get(a.productId()).name(),
                        environments.get(a.environmentId()).name(),
                        RepoUrl.redact(a.repoUrl()),
                        a.branch(),
                        a.path(),
                        ownName(a.name(), a.argocdApplication()))));
    return all;
  }

  @Override
  public Node document(String name, Spec spec) {
    return YamlNodes.document(
        KIND,
        name,
        YamlNodes.mapping()
            .put("product", spec.product())
            .put("environment", spec.environment())
            .put("repoUrl", spec.repoUrl())
            .put("branch", spec.branch())
            .put("path", spec.path())
            .put("argocdApplication", spec.argocdApplication())
            .block());
  }

  @Override
  public Future<?> create(SqlConnection conn, String name, Spec spec, Lines lines) {
    return applications.create(
        conn,
        new NewApplication(
            name,
            spec.product(),
            spec.environment(),
            spec.repoUrl(),
            spec.branch(),
            spec.path(),
            spec.argocdApplication()));
  }

  @Override
  public Future<?> update(SqlConnection conn, String name, Spec current, Spec spec, Lines lines) {
    if (!current.product().equals(spec.product())) {
      return Future.failedFuture(moved(lines, "spec.product", "product", current.product()));
    }
    if (!current.environment().equals(spec.environment())) {
      return Future.failedFuture(
          moved(lines, "spec.environment", "environment", current.environment()));
    }
    return applications.update(
        conn,
        name,
        spec.repoUrl(),
        spec.branch(),
        spec.path(),
        spec.argocdApplication() == null ? "" : spec.argocdApplication());
  }

  private static RuntimeException moved(Lines lines, String field, String what, String now) {
    return lines.invalid(
        field,
        "an application keeps its "
            + what
            + " (it is \""
            + now
            + "\"); to move it, give the new one another name");
  }

  @Override
  public Future<?> delete(SqlConnection conn, String name) {
    return applications.delete(conn, name);
  }
}
