package io.baton.policy;

/** Every statement of promotion policies. */
final class PolicySql {
  private PolicySql() {}

  private static final String COLUMNS =
      "name, priority, products, environments, environment_kinds, action, pre_action, post_action";

  static final String LIST = "SELECT " + COLUMNS + " FROM promotion_policy ORDER BY priority, name";

  static final String BY_NAME_FOR_UPDATE =
      "SELECT " + COLUMNS + " FROM promotion_policy WHERE name = $1 FOR UPDATE";

  static final String INSERT =
      """
      INSERT INTO promotion_policy (name, priority, products, environments, environment_kinds, action,
                                    pre_action, post_action)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      RETURNING\s"""
          + COLUMNS;

  static final String UPDATE =
      """
      UPDATE promotion_policy
      SET priority = $2, products = $3, environments = $4, environment_kinds = $5, action = $6,
          pre_action = $7, post_action = $8, updated_at = now()
      WHERE name = $1
      RETURNING\s"""
          + COLUMNS;

  static final String DELETE = "DELETE FROM promotion_policy WHERE name = $1 RETURNING " + COLUMNS;
}
