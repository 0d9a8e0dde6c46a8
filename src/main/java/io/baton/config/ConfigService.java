package io.baton.config;

import io.baton.audit.Audit;
import io.baton.environment.EnvironmentService;
import io.baton.flow.FlowService;
import io.baton.policy.PolicyService;
import io.baton.product.ApplicationService;
import io.baton.product.ProductService;
import io.baton.product.TemplateService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Configuration as code (docs/api.md): the catalog (environments, promotion templates, products,
 * applications, flows) exported as YAML documents, and such a file applied in one transaction, all
 * of it or nothing, or only planned (a dry run does everything an apply does, then rolls it back).
 */
public final class ConfigService {
  private final Pool pool;
  private final Catalog.Readers readers;
  private final EnvironmentDocuments environments;
  private final ProductDocuments products;
  private final ApplicationDocuments applications;
  private final FlowDocuments flows;
  private final TemplateDocuments templates;
  private final PolicyDocuments policies;

  public ConfigService(
      Pool pool,
      EnvironmentService environments,
      ProductService products,
      ApplicationService applications,
      FlowService flows,
      PolicyService policies) {
    this.pool = pool;
    TemplateService standaloneTemplates = new TemplateService();
    this.readers =
        new Catalog.Readers(
            environments, products, applications, flows, standaloneTemplates, policies);
    this.environments = new EnvironmentDocuments(environments);
    this.products = new ProductDocuments(products);
    this.applications = new ApplicationDocuments(applications);
    this.flows = new FlowDocuments(flows);
    this.templates = new TemplateDocuments(standaloneTemplates);
    this.policies = new PolicyDocuments(policies);
  }

  /** The kinds in the order an export writes them and a plan lists them. */
  private List<DocumentKind<?>> kinds() {
    return List.of(environments, templates, products, applications, flows, policies);
  }

  private List<String> kindNames() {
    return kinds().stream().map(DocumentKind::kind).toList();
  }

  /** The catalog as documents: environments by position, products, applications, then flows. */
  public Future<String> export() {
    return pool.withTransaction(
            conn -> conn.query(ConfigSql.SNAPSHOT).execute().compose(v -> readers.read(conn)))
        .map(this::write);
  }

  private String write(Catalog catalog) {
    List<Node> documents = new ArrayList<>();
    for (DocumentKind<?> kind : kinds()) {
      documents.addAll(documents(kind, catalog));
    }
    return YamlNodes.write(documents);
  }

  private static <S> List<Node> documents(DocumentKind<S> kind, Catalog catalog) {
    List<Node> documents = new ArrayList<>();
    kind.current(catalog).forEach((name, spec) -> documents.add(kind.document(name, spec)));
    return documents;
  }

  /** A dry run's plan, carried out of the transaction it rolls back. */
  private static final class RolledBack extends RuntimeException {
    private final ConfigPlan plan;

    RolledBack(ConfigPlan plan) {
      super(null, null, false, false);
      this.plan = plan;
    }
  }

  /**
   * Applies {@code yaml}: each object it defines created or changed to match, and with {@code
   * prune} each object of a kind it defines that it lacks deleted. {@code audit} is written once,
   * when something changed. BAD_USER_INPUT naming the document, field and line of a problem;
   * CONFLICT naming what uses an object prune would delete.
   */
  public Future<ConfigPlan> apply(String yaml, boolean dryRun, boolean prune, Audit audit) {
    return Future.succeededFuture(yaml)
        .map(text -> ConfigFile.read(text, kindNames()))
        .compose(
            documents ->
                pool.withTransaction(
                    conn ->
                        conn.query(ConfigSql.APPLY_LOCK)
                            .execute()
                            .compose(locked -> readers.read(conn))
                            .map(catalog -> plans(documents, catalog, prune))
                            .compose(plans -> carryOut(conn, plans))
                            .compose(plan -> finish(conn, plan, dryRun, audit))))
        .recover(
            failure ->
                failure instanceof RolledBack rolledBack
                    ? Future.succeededFuture(rolledBack.plan)
                    : Future.failedFuture(failure));
  }

  /** What the file does to each kind. */
  private record Plans(
      KindPlan<?> environments,
      KindPlan<?> templates,
      KindPlan<?> products,
      KindPlan<?> applications,
      KindPlan<?> flows,
      KindPlan<?> policies) {

    /** Kind by kind, in the order of an export. */
    List<KindPlan<?>> all() {
      return List.of(environments, templates, products, applications, flows, policies);
    }

    /** Kind by kind, in the order of an export. */
    List<ConfigChange> changes() {
      List<ConfigChange> changes = new ArrayList<>();
      for (KindPlan<?> plan : all()) {
        changes.addAll(plan.changes());
      }
      return changes;
    }

    /** Kind by kind, in the order of an export. */
    List<ConfigWarning> warnings() {
      List<ConfigWarning> warnings = new ArrayList<>();
      for (KindPlan<?> plan : all()) {
        warnings.addAll(plan.warnings());
      }
      return warnings;
    }
  }

  private Plans plans(List<ConfigFile.Document> documents, Catalog catalog, boolean prune) {
    Known known = known(documents, catalog, prune);
    return new Plans(
        KindPlan.of(environments, documents, catalog, known, prune),
        KindPlan.of(templates, documents, catalog, known, prune),
        KindPlan.of(products, documents, catalog, known, prune),
        KindPlan.of(applications, documents, catalog, known, prune),
        KindPlan.of(flows, documents, catalog, known, prune),
        KindPlan.of(policies, documents, catalog, known, prune));
  }

  private Known known(List<ConfigFile.Document> documents, Catalog catalog, boolean prune) {
    Map<String, Set<String>> names = new HashMap<>();
    for (ConfigFile.Document document : documents) {
      names.computeIfAbsent(document.kind(), k -> new HashSet<>()).add(document.name());
    }
    for (DocumentKind<?> kind : kinds()) {
      boolean pruned = prune && names.containsKey(kind.kind());
      if (!pruned) {
        names
            .computeIfAbsent(kind.kind(), k -> new HashSet<>())
            .addAll(kind.current(catalog).keySet());
      }
    }
    return new Known(names);
  }

  /**
   * Makes the changes in an order where each object finds what it refers to, and nothing is deleted
   * while what the file keeps still refers to it: applications that go first, then environments,
   * flows, products and applications created or changed, then the products, flows and environments
   * that go; promotion policies, which name products and environments without referring to them,
   * last.
   */
  private static Future<ConfigPlan> carryOut(SqlConnection conn, Plans plans) {
    return plans
        .applications()
        .delete(conn)
        .compose(v -> plans.environments().upsert(conn))
        .compose(v -> plans.flows().upsert(conn))
        .compose(v -> plans.templates().upsert(conn))
        .compose(v -> plans.products().upsert(conn))
        .compose(v -> plans.applications().upsert(conn))
        .compose(v -> plans.products().delete(conn))
        .compose(v -> plans.templates().delete(conn))
        .compose(v -> plans.flows().delete(conn))
        .compose(v -> plans.environments().delete(conn))
        .compose(v -> plans.policies().upsert(conn))
        .compose(v -> plans.policies().delete(conn))
        .map(v -> new ConfigPlan(true, plans.changes(), plans.warnings()));
  }

  private static Future<ConfigPlan> finish(
      SqlConnection conn, ConfigPlan plan, boolean dryRun, Audit audit) {
    if (dryRun) {
      return Future.failedFuture(new RolledBack(plan.rolledBack()));
    }
    return plan.changesAnything() ? audit.write(conn).map(plan) : Future.succeededFuture(plan);
  }
}
