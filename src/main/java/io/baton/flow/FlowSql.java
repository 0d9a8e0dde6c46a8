package io.baton.flow;

/**
 * The SQL of promotion flows and their steps. Environments are joined in, so a read flow is
 * complete.
 */
final class FlowSql {
  private FlowSql() {}

  private static final String FLOWS =
      """
      SELECT f.id, f.name, f.description, f.version, f.timeout_ms, f.created_at, f.updated_at, f.kept,
             e.id AS trigger_id, e.name AS trigger_name, e.kind AS trigger_kind, e.position AS trigger_position,
             e.gates AS trigger_gates, e.argocd_server AS trigger_argocd_server
        FROM promotion_flow f
        JOIN environment e ON e.id = f.trigger_environment_id
      """;

  static final String LIST = FLOWS + " ORDER BY f.name";

  static final String BY_NAME = FLOWS + " WHERE f.name = $1";

  static final String BY_IDS = FLOWS + " WHERE f.id = ANY($1)";

  static final String BY_NAMES = FLOWS + " WHERE f.name = ANY($1)";

  /** Taken in the transaction of an update, so that two updates of one flow never interleave. */
  static final String BY_NAME_FOR_UPDATE = BY_NAME + " FOR UPDATE OF f";

  static final String STEPS_OF =
      """
      SELECT s.flow_id, s.depends_on, s.action, s.gates AS step_gates,
             e.id, e.name, e.kind, e.position, e.gates, e.argocd_server
        FROM promotion_flow_step s
        JOIN environment e ON e.id = s.environment_id
       WHERE s.flow_id = ANY($1)
       ORDER BY s.flow_id, s.position""";

  /**
   * KEY SHARE keeps the environments from being deleted until the flow that names them is
   * committed.
   */
  static final String ENVIRONMENTS_BY_NAME =
      "SELECT id, name, kind, position, gates, argocd_server FROM environment WHERE name = ANY($1)"
          + " FOR KEY SHARE";

  static final String INSERT =
      """
      INSERT INTO promotion_flow (name, description, version, timeout_ms, trigger_environment_id, created_at, updated_at, kept)
      VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
      RETURNING id""";

  /** Create or replace by name: what applying YAML does. The flow keeps its id and createdAt. */
  static final String UPSERT =
      """
      INSERT INTO promotion_flow (name, description, version, timeout_ms, trigger_environment_id, created_at, updated_at, kept)
      VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
      ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description,
                                       kept = EXCLUDED.kept,
                                       version = EXCLUDED.version,
                                       timeout_ms = EXCLUDED.timeout_ms,
                                       trigger_environment_id = EXCLUDED.trigger_environment_id,
                                       updated_at = EXCLUDED.updated_at
      RETURNING id""";

  static final String UPDATE =
      """
      UPDATE promotion_flow SET description = $2, version = $3, timeout_ms = $4, trigger_environment_id = $5,
                                updated_at = $6, kept = $7
       WHERE name = $1
      RETURNING id""";

  static final String DELETE_STEPS = "DELETE FROM promotion_flow_step WHERE flow_id = $1";

  static final String INSERT_STEP =
      """
      INSERT INTO promotion_flow_step (flow_id, position, environment_id, depends_on, action, gates)
      VALUES ($1, $2, $3, $4, $5, $6)""";

  static final String DELETE = "DELETE FROM promotion_flow WHERE id = $1";

  /** The products that run the flow by itself: deleting it would silently take it from them. */
  static final String PRODUCTS_TRIGGERING =
      """
      SELECT p.name FROM product_flow_trigger t JOIN product p ON p.id = t.product_id
       WHERE t.flow_id = $1
       ORDER BY p.name
       LIMIT 5""";
}
