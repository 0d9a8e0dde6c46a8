package io.baton.product;

import io.vertx.sqlclient.Row;

/**
 * A product in one environment, pointing at the Git repository, branch and path that define it
 * there.
 *
 * @param argocdApplication the name of its Argo CD application ({@code name} or {@code
 *     namespace/name}); the application's own name when none is set
 */
public record Application(
    long id,
    String name,
    long productId,
    long environmentId,
    String repoUrl,
    String branch,
    String path,
    String argocdApplication) {

  public Application {
    argocdApplication =
        argocdApplication == null || argocdApplication.isBlank() ? name : argocdApplication;
  }

  /** An application whose Argo CD application has its name. */
  public Application(
      long id,
      String name,
      long productId,
      long environmentId,
      String repoUrl,
      String branch,
      String path) {
    this(id, name, productId, environmentId, repoUrl, branch, path, null);
  }

  static Application from(Row row) {
    return new Application(
        row.getLong("id"),
        row.getString("name"),
        row.getLong("product_id"),
        row.getLong("environment_id"),
        row.getString("repo_url"),
        row.getString("branch"),
        row.getString("path"),
        row.getString("argocd_application"));
  }
}
