package io.baton.trigger;

/** The Git watcher's SQL: what it watches, and the commit it saw last per trigger application. */
final class WatchSql {
  private WatchSql() {}

  /**
   * Every trigger application of a product whose automatic triggers are not paused, with its flows
   * in the product's order (one row per flow).
   */
  static final String WATCHED =
      """
      SELECT a.id AS application_id, p.name AS product_name, a.repo_url, a.branch, a.path, w.last_commit,
             t.flow_id, f.name AS flow_name, t.git_trigger_selectors
      FROM product_flow_trigger t
      JOIN product p ON p.id = t.product_id AND NOT p.auto_trigger_paused
      JOIN promotion_flow f ON f.id = t.flow_id
      JOIN application a ON a.product_id = t.product_id AND a.environment_id = f.trigger_environment_id
      LEFT JOIN git_watch w ON w.application_id = a.id AND w.source = a.repo_url || ' ' || a.branch || ' ' || a.path
      ORDER BY a.id, t.position""";

  /**
   * Watching starts at $3, read from $2 (the application's repository, branch and path); another
   * instance that got there first wins, unless what it watched was elsewhere.
   */
  static final String BASELINE =
      """
      INSERT INTO git_watch (application_id, source, last_commit) VALUES ($1, $2, $3)
      ON CONFLICT (application_id) DO UPDATE SET source = EXCLUDED.source, last_commit = EXCLUDED.last_commit,
                                                 updated_at = now()
      WHERE git_watch.source <> EXCLUDED.source""";

  static final String LAST_COMMIT = "SELECT last_commit FROM git_watch WHERE application_id = $1";

  /** $2 was seen last, $3 is now: compare-and-set, so a slower instance cannot move it back. */
  static final String ADVANCE =
      "UPDATE git_watch SET last_commit = $3, updated_at = now()"
          + " WHERE application_id = $1 AND last_commit = $2";
}
