package io.baton.environment;

final class EnvironmentSql {
  private EnvironmentSql() {}

  static final String COLUMNS = "id, name, kind, position, gates, argocd_server";

  static final String LIST = "SELECT " + COLUMNS + " FROM environment ORDER BY position, name";

  static final String BY_NAME = "SELECT " + COLUMNS + " FROM environment WHERE name = $1";

  static final String BY_IDS = "SELECT " + COLUMNS + " FROM environment WHERE id = ANY($1)";

  static final String INSERT =
      """
      INSERT INTO environment (name, kind, position, gates, argocd_server)
      VALUES ($1, $2, COALESCE($3, (SELECT COALESCE(max(position) + 1, 0) FROM environment)), $4, $5)
      RETURNING """
          + " "
          + COLUMNS;

  static final String UPDATE =
      """
      UPDATE environment SET kind = COALESCE($2, kind), position = COALESCE($3, position),
                             gates = COALESCE($4, gates),
                             argocd_server = CASE WHEN $5 THEN $6 ELSE argocd_server END
      WHERE name = $1
      RETURNING """
          + " "
          + COLUMNS;

  /** Positions 0, 1, 2... in the order of the names in $1; returns every environment so moved. */
  static final String REORDER =
      """
      UPDATE environment SET position = array_position($1::text[], name) - 1
      WHERE name = ANY($1::text[])
      RETURNING """
          + " "
          + COLUMNS;

  static final String DELETE = "DELETE FROM environment WHERE name = $1 RETURNING " + COLUMNS;

  /** What still refers to an environment, so a refused delete can say so. */
  static final String USERS =
      """
      SELECT 'application' AS kind, name FROM application WHERE environment_id = $1
      UNION ALL
      SELECT 'promotion flow', f.name FROM promotion_flow f
       WHERE f.trigger_environment_id = $1
          OR EXISTS (SELECT 1 FROM promotion_flow_step s WHERE s.flow_id = f.id AND s.environment_id = $1)
      ORDER BY 1, 2
      LIMIT 5""";
}
