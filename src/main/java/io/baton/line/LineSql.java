package io.baton.line;

/** Every statement of line control. */
final class LineSql {
  private LineSql() {}

  static final String VERSION = "SELECT version FROM line_control";

  static final String BUMP = "UPDATE line_control SET version = version + 1";

  static final String WINDOWS =
      """
      SELECT w.id, w.name, w.start_at, w.end_at, w.cron, w.duration_ms, w.time_zone, w.reason, w.created_by,
             coalesce(array_agg(e.name ORDER BY e.position) FILTER (WHERE e.id IS NOT NULL), '{}') AS environments
      FROM freeze_window w
      LEFT JOIN freeze_window_environment we ON we.window_id = w.id
      LEFT JOIN environment e ON e.id = we.environment_id
      GROUP BY w.id ORDER BY w.name""";

  static final String PAUSES =
      """
      SELECT p.environment_id, e.name, p.paused_by, p.reason FROM environment_pause p
      JOIN environment e ON e.id = p.environment_id ORDER BY e.position""";

  static final String PINS =
      """
      SELECT p.application_id, a.name, p.pinned_by, p.reason FROM application_pin p
      JOIN application a ON a.id = p.application_id ORDER BY a.name""";

  static final String INSERT_WINDOW =
      """
      INSERT INTO freeze_window (name, start_at, end_at, cron, duration_ms, time_zone, reason, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""";

  static final String INSERT_WINDOW_ENVIRONMENTS =
      """
      INSERT INTO freeze_window_environment (window_id, environment_id)
      SELECT $1, id FROM environment WHERE name = ANY($2)""";

  static final String DELETE_WINDOW = "DELETE FROM freeze_window WHERE name = $1 RETURNING id";

  static final String PAUSE =
      """
      INSERT INTO environment_pause (environment_id, paused_by, reason) VALUES ($1, $2, $3)
      ON CONFLICT (environment_id) DO UPDATE SET paused_by = $2, reason = $3, paused_at = now()""";

  static final String RESUME = "DELETE FROM environment_pause WHERE environment_id = $1";

  static final String PAUSES_OF =
      "SELECT environment_id, paused_by, reason FROM environment_pause WHERE environment_id = ANY($1)";

  static final String PIN =
      """
      INSERT INTO application_pin (application_id, pinned_by, reason) VALUES ($1, $2, $3)
      ON CONFLICT (application_id) DO UPDATE SET pinned_by = $2, reason = $3, pinned_at = now()""";

  static final String UNPIN = "DELETE FROM application_pin WHERE application_id = $1";

  static final String PINS_OF =
      "SELECT application_id, pinned_by, reason FROM application_pin WHERE application_id = ANY($1)";
}
