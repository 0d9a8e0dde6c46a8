package io.baton.product;

import io.baton.Names;
import io.baton.audit.Audit;
import io.baton.db.PgErrors;
import io.baton.environment.EnvironmentService;
import io.baton.error.BatonException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Applications: a product in one environment, at most one per product and environment. */
public final class ApplicationService {
  static final int MAX_ARGOCD_APPLICATION_LENGTH = 253;
  private static final Pattern ARGOCD_APPLICATION =
      Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[a-z0-9]([-.a-z0-9]*[a-z0-9])?");

  private final Pool pool;
  private final ProductService products;
  private final EnvironmentService environments;

  public ApplicationService(Pool pool, ProductService products, EnvironmentService environments) {
    this.pool = pool;
    this.products = products;
    this.environments = environments;
  }

  public record NewApplication(
      String name,
      String product,
      String environment,
      String repoUrl,
      String branch,
      String path,
      String argocdApplication) {

    /** An application whose Argo CD application has its name. */
    public NewApplication(
        String name,
        String product,
        String environment,
        String repoUrl,
        String branch,
        String path) {
      this(name, product, environment, repoUrl, branch, path, null);
    }
  }

  public Future<List<Application>> list() {
    return list(pool);
  }

  /** Every application, by name, as {@code sql} (a transaction's connection) sees them. */
  public Future<List<Application>> list(SqlClient sql) {
    return sql.query(ApplicationSql.LIST).execute().map(ApplicationService::all);
  }

  public Future<Application> find(String name) {
    return pool.preparedQuery(ApplicationSql.BY_NAME)
        .execute(Tuple.of(name))
        .map(ApplicationService::firstOrNull);
  }

  public Future<Application> get(String name) {
    return find(name)
        .map(
            app -> {
              if (app == null) {
                throw BatonException.notFound("application", name);
              }
              return app;
            });
  }

  public Future<Application> findFor(long productId, long environmentId) {
    return pool.preparedQuery(ApplicationSql.BY_PRODUCT_AND_ENVIRONMENT)
        .execute(Tuple.of(productId, environmentId))
        .map(ApplicationService::firstOrNull);
  }

  public Future<Map<Long, Application>> byIds(Collection<Long> ids) {
    return pool.preparedQuery(ApplicationSql.BY_IDS)
        .execute(Tuple.of(ids.toArray(Long[]::new)))
        .map(
            rows ->
                all(rows).stream().collect(Collectors.toMap(Application::id, Function.identity())));
  }

  public Future<Map<Long, List<Application>>> byProducts(Collection<Long> productIds) {
    return pool.preparedQuery(ApplicationSql.BY_PRODUCTS)
        .execute(Tuple.of(productIds.toArray(Long[]::new)))
        .map(rows -> all(rows).stream().collect(Collectors.groupingBy(Application::productId)));
  }

  public Future<Map<Long, List<Application>>> byEnvironments(Collection<Long> environmentIds) {
    return pool.preparedQuery(ApplicationSql.BY_ENVIRONMENTS)
        .execute(Tuple.of(environmentIds.toArray(Long[]::new)))
        .map(rows -> all(rows).stream().collect(Collectors.groupingBy(Application::environmentId)));
  }

  public Future<Application> create(NewApplication input, Audit audit) {
    Names.require("application", input.name());
    requireRepoUrl(input.repoUrl());
    String branch =
        input.branch() == null || input.branch().isBlank() ? "main" : input.branch().trim();
    String path = normalisePath(input.path());
    String argocdApplication = argocdApplication(input.argocdApplication());
    return products
        .get(input.product())
        .compose(
            product ->
                environments
                    .get(input.environment())
                    .compose(
                        env ->
                            audit
                                .withTransaction(
                                    pool,
                                    conn ->
                                        conn.preparedQuery(ApplicationSql.INSERT)
                                            .execute(
                                                Tuple.of(
                                                    input.name(),
                                                    product.id(),
                                                    env.id(),
                                                    input.repoUrl().trim(),
                                                    branch,
                                                    path,
                                                    argocdApplication))
                                            .map(ApplicationService::firstOrNull))
                                .recover(
                                    failure ->
                                        Future.failedFuture(createFailure(failure, input)))));
  }

  /**
   * Creates the application in the transaction of {@code conn}, which writes no audit entry, its
   * product and environment found by name there.
   */
  public Future<Application> create(SqlConnection conn, NewApplication input) {
    return Future.succeededFuture(input)
        .map(
            in -> {
              Names.require("application", in.name());
              requireRepoUrl(in.repoUrl());
              return Tuple.of(
                  in.name(),
                  in.product(),
                  in.environment(),
                  in.repoUrl().trim(),
                  in.branch() == null || in.branch().isBlank() ? "main" : in.branch().trim(),
                  normalisePath(in.path()),
                  argocdApplication(in.argocdApplication()));
            })
        .compose(args -> conn.preparedQuery(ApplicationSql.INSERT_BY_NAMES).execute(args))
        .map(
            rows -> {
              Application created = firstOrNull(rows);
              if (created == null) {
                throw BatonException.notFound(
                    "product \"" + input.product() + "\" or environment", input.environment());
              }
              return created;
            })
        .recover(failure -> Future.failedFuture(createFailure(failure, input)));
  }

  /**
   * Changes the application in the transaction of {@code conn}, which writes no audit entry: as
   * {@link #update(String, String, String, String, String, Audit)}.
   */
  public Future<Application> update(
      SqlConnection conn,
      String name,
      String repoUrl,
      String branch,
      String path,
      String argocdApplication) {
    return Future.succeededFuture(name)
        .map(n -> updateArgs(n, repoUrl, branch, path, argocdApplication))
        .compose(args -> conn.preparedQuery(ApplicationSql.UPDATE).execute(args))
        .map(rows -> required(rows, name));
  }

  /**
   * Deletes the application in the transaction of {@code conn}, which writes no audit entry;
   * CONFLICT while releases refer to it.
   */
  public Future<Application> delete(SqlConnection conn, String name) {
    return conn.preparedQuery(ApplicationSql.DELETE)
        .execute(Tuple.of(name))
        .map(rows -> required(rows, name))
        .recover(failure -> Future.failedFuture(deleteFailure(failure, name)));
  }

  /**
   * Changes where an application lives; null fields stay as they are. {@code argocdApplication}
   * blank: back to the application's own name.
   */
  public Future<Application> update(
      String name,
      String repoUrl,
      String branch,
      String path,
      String argocdApplication,
      Audit audit) {
    Tuple args = updateArgs(name, repoUrl, branch, path, argocdApplication);
    return audit.withTransaction(
        pool,
        conn ->
            conn.preparedQuery(ApplicationSql.UPDATE)
                .execute(args)
                .map(rows -> required(rows, name)));
  }

  private static Tuple updateArgs(
      String name, String repoUrl, String branch, String path, String argocdApplication) {
    if (repoUrl != null) {
      requireRepoUrl(repoUrl);
    }
    return Tuple.of(
        name,
        repoUrl == null ? null : repoUrl.trim(),
        blankToNull(branch),
        path == null ? null : normalisePath(path),
        argocdApplication == null
            ? null
            : Objects.requireNonNullElse(argocdApplication(argocdApplication), ""));
  }

  public Future<Application> delete(String name, Audit audit) {
    return audit
        .withTransaction(
            pool,
            conn ->
                conn.preparedQuery(ApplicationSql.DELETE)
                    .execute(Tuple.of(name))
                    .map(rows -> required(rows, name)))
        .recover(failure -> Future.failedFuture(deleteFailure(failure, name)));
  }

  private static Throwable deleteFailure(Throwable failure, String name) {
    return PgErrors.is(failure, PgErrors.FOREIGN_KEY_VIOLATION)
        ? BatonException.conflict("application \"" + name + "\" is still used by releases")
        : failure;
  }

  private static Throwable createFailure(Throwable failure, NewApplication input) {
    if (!PgErrors.is(failure, PgErrors.UNIQUE_VIOLATION)) {
      return failure;
    }
    if (PgErrors.constraint(failure).equals("application_one_per_product_and_environment")) {
      return BatonException.conflict(
          "environment",
          "product \""
              + input.product()
              + "\" already has an application in environment \""
              + input.environment()
              + "\"");
    }
    return BatonException.conflict("name", "application \"" + input.name() + "\" already exists");
  }

  /**
   * A Git URL Baton reads (file://, http(s)://, ssh://, git@host:path or a path), without
   * credentials; BAD_USER_INPUT naming repoUrl otherwise.
   */
  public static void requireRepoUrl(String repoUrl) {
    if (repoUrl == null || repoUrl.isBlank()) {
      throw BatonException.badInput("repoUrl", "repoUrl must not be empty");
    }
    String url = repoUrl.trim();
    RepoUrl.requireNoCredentials(url);
    boolean known =
        url.startsWith("file://")
            || url.startsWith("https://")
            || url.startsWith("http://")
            || url.startsWith("ssh://")
            || url.startsWith("/")
            || url.matches("[\\w.-]+@[\\w.-]+:.*");
    if (!known) {
      throw BatonException.badInput(
          "repoUrl",
          "repoUrl \""
              + RepoUrl.redact(url)
              + "\" is not a Git URL (file://, https://, ssh:// or a path)");
    }
  }

  /**
   * An Argo CD application's name, as its API takes it: a Kubernetes name, optionally after its
   * namespace and a slash. Blank is none (null): the application's own name.
   */
  public static String argocdApplication(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String trimmed = name.trim();
    if (trimmed.length() > MAX_ARGOCD_APPLICATION_LENGTH
        || !ARGOCD_APPLICATION.matcher(trimmed).matches()) {
      throw BatonException.badInput(
          "argocdApplication",
          "argocdApplication \""
              + (trimmed.length() > 100 ? trimmed.substring(0, 100) + "..." : trimmed)
              + "\" is not an Argo CD application name: lower-case letters, digits, '-' and '.',"
              + " optionally after a namespace and '/' (e.g. shop-prod or argocd/shop-prod)");
    }
    return trimmed;
  }

  /**
   * Paths are relative to the repository root, without leading or trailing slashes; "" is the root.
   */
  public static String normalisePath(String path) {
    if (path == null) {
      return "";
    }
    String p = path.trim().replace('\\', '/').replaceAll("/+", "/").replaceAll("^/|/$", "");
    if (p.equals(".")) {
      return "";
    }
    for (String part : p.split("/")) {
      if (part.equals("..")) {
        throw BatonException.badInput(
            "path", "path \"" + path + "\" must stay inside the repository (no '..')");
      }
    }
    return p;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static Application required(RowSet<Row> rows, String name) {
    Application app = firstOrNull(rows);
    if (app == null) {
      throw BatonException.notFound("application", name);
    }
    return app;
  }

  private static Application firstOrNull(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Application.from(rows.iterator().next()) : null;
  }

  private static List<Application> all(RowSet<Row> rows) {
    List<Application> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(Application.from(row)));
    return list;
  }
}
