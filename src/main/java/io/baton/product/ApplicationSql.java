package io.baton.product;

final class ApplicationSql {
  private ApplicationSql() {}

  static final String COLUMNS =
      "id, name, product_id, environment_id, repo_url, branch, path, argocd_application";

  static final String LIST = "SELECT " + COLUMNS + " FROM application ORDER BY name";

  static final String BY_NAME = "SELECT " + COLUMNS + " FROM application WHERE name = $1";

  static final String BY_IDS = "SELECT " + COLUMNS + " FROM application WHERE id = ANY($1)";

  static final String BY_PRODUCTS =
      "SELECT " + COLUMNS + " FROM application WHERE product_id = ANY($1) ORDER BY name";

  static final String BY_ENVIRONMENTS =
      "SELECT " + COLUMNS + " FROM application WHERE environment_id = ANY($1) ORDER BY name";

  static final String BY_PRODUCT_AND_ENVIRONMENT =
      "SELECT " + COLUMNS + " FROM application WHERE product_id = $1 AND environment_id = $2";

  static final String INSERT =
      """
      INSERT INTO application (name, product_id, environment_id, repo_url, branch, path, argocd_application)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      RETURNING """
          + " "
          + COLUMNS;

  /**
   * As INSERT, with the product ($2) and environment ($3) by name: no row when either is missing.
   */
  static final String INSERT_BY_NAMES =
      """
      INSERT INTO application (name, product_id, environment_id, repo_url, branch, path, argocd_application)
      SELECT $1, p.id, e.id, $4, $5, $6, $7 FROM product p, environment e WHERE p.name = $2 AND e.name = $3
      RETURNING """
          + " "
          + COLUMNS;

  static final String UPDATE =
      """
      UPDATE application SET repo_url = COALESCE($2, repo_url), branch = COALESCE($3, branch),
                             path = COALESCE($4, path),
                             argocd_application = CASE WHEN $5::text IS NULL THEN argocd_application
                                                       ELSE NULLIF($5, '') END
      WHERE name = $1
      RETURNING """
          + " "
          + COLUMNS;

  static final String DELETE = "DELETE FROM application WHERE name = $1 RETURNING " + COLUMNS;
}
