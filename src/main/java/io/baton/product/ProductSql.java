package io.baton.product;

final class ProductSql {
  private ProductSql() {}

  static final String COLUMNS = "id, name, concurrency, promotion_template";

  static final String LIST = "SELECT " + COLUMNS + " FROM product ORDER BY name";

  static final String BY_NAME = "SELECT " + COLUMNS + " FROM product WHERE name = $1";

  static final String BY_NAMES = "SELECT " + COLUMNS + " FROM product WHERE name = ANY($1)";

  static final String BY_IDS = "SELECT " + COLUMNS + " FROM product WHERE id = ANY($1)";

  static final String INSERT =
      "INSERT INTO product (name, concurrency, promotion_template) VALUES ($1, $2, $3) "
          + "RETURNING "
          + COLUMNS;

  /** $4 says whether to replace the template ($3 may be a null that clears it). */
  static final String UPDATE =
      """
      UPDATE product SET concurrency = COALESCE($2, concurrency),
                         promotion_template = CASE WHEN $4 THEN $3 ELSE promotion_template END
      WHERE name = $1
      RETURNING """
          + " "
          + COLUMNS;

  static final String DELETE = "DELETE FROM product WHERE name = $1 RETURNING " + COLUMNS;

  static final String APPLICATIONS_OF =
      "SELECT name FROM application WHERE product_id = $1 ORDER BY name LIMIT 5";
}
