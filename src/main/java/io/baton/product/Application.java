package io.baton.product;

import io.vertx.sqlclient.Row;

/**
 * A product in one environment, pointing at the Git repository, branch and path that define it
 * there.
 */
public record Application(
    long id,
    String name,
    long productId,
    long environmentId,
    String repoUrl,
    String branch,
    String path) {

  static Application from(Row row) {
    return new Application(
        row.getLong("id"),
        row.getString("name"),
        row.getLong("product_id"),
        row.getLong("environment_id"),
        row.getString("repo_url"),
        row.getString("branch"),
        row.getString("path"));
  }
}
