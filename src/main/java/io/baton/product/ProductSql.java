package io.baton.product;

final class ProductSql {
  private ProductSql() {}

  /**
   * promotion_template is the template a promotion follows: the named one (promotion_template_ref)
   * when the product names one, else its own (own_template).
   */
  static final String COLUMNS =
      """
      id, name, concurrency, auto_trigger_paused, auto_trigger_pause_reason, promotion_template_ref,
      promotion_template AS own_template,
      COALESCE((SELECT t.template FROM promotion_template t WHERE t.name = promotion_template_ref),
               promotion_template) AS promotion_template""";

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

  static final String SET_TEMPLATE_REF =
      "UPDATE product SET promotion_template_ref = $2 WHERE name = $1 RETURNING " + COLUMNS;

  static final String APPLICATIONS_OF =
      "SELECT name FROM application WHERE product_id = $1 ORDER BY name LIMIT 5";

  /** The products' automatic flows, each product's in order. */
  static final String FLOW_TRIGGERS_OF =
      """
      SELECT t.product_id, t.flow_id, f.name AS flow_name, t.git_trigger_selectors
      FROM product_flow_trigger t JOIN promotion_flow f ON f.id = t.flow_id
      WHERE t.product_id = ANY($1)
      ORDER BY t.product_id, t.position""";

  static final String FLOW_IDS_BY_NAMES =
      "SELECT id, name FROM promotion_flow WHERE name = ANY($1)";

  static final String DELETE_FLOW_TRIGGERS =
      "DELETE FROM product_flow_trigger WHERE product_id = $1";

  /** $2, $3: the flows' ids and their selectors (JSON arrays as text), in order. */
  static final String INSERT_FLOW_TRIGGERS =
      """
      INSERT INTO product_flow_trigger (product_id, position, flow_id, git_trigger_selectors)
      SELECT $1, t.position, t.flow_id, t.selectors::jsonb
      FROM unnest($2::bigint[], $3::text[]) WITH ORDINALITY AS t(flow_id, selectors, position)""";

  /** $2: paused; $3: the reason (null when resuming). */
  static final String SET_PAUSED =
      "UPDATE product SET auto_trigger_paused = $2, auto_trigger_pause_reason = $3 WHERE name = $1"
          + " RETURNING "
          + COLUMNS;
}
