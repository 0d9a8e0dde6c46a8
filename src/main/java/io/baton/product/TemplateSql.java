package io.baton.product;

/** The SQL of standalone promotion templates. */
final class TemplateSql {
  private TemplateSql() {}

  static final String LIST =
      "SELECT name, priority, selector, template FROM promotion_template ORDER BY name";

  /** Create or replace by name. */
  static final String UPSERT =
      """
      INSERT INTO promotion_template (name, priority, selector, template) VALUES ($1, $2, $3, $4)
      ON CONFLICT (name) DO UPDATE SET priority = EXCLUDED.priority, selector = EXCLUDED.selector,
                                       template = EXCLUDED.template""";

  static final String PRODUCTS_NAMING =
      "SELECT name FROM product WHERE promotion_template_ref = $1 ORDER BY name LIMIT 5";

  static final String DELETE = "DELETE FROM promotion_template WHERE name = $1";
}
