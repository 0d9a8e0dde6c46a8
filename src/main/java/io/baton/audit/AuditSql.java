package io.baton.audit;

/** Every statement about the audit log, in one place. */
final class AuditSql {
  private AuditSql() {}

  /** Entries in one statement, one array per column. */
  static final String INSERT =
      """
      INSERT INTO audit_entry (actor, operation, input)
      SELECT actor, operation, input::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) AS e(actor, operation, input)""";

  static final String PAGE =
      "SELECT id, at, actor, operation, input FROM audit_entry ORDER BY id DESC LIMIT $1";

  static final String PAGE_AFTER =
      "SELECT id, at, actor, operation, input FROM audit_entry WHERE id < $2 ORDER BY id DESC LIMIT $1";

  /**
   * A page with filters, each ignored when null: $3 the actor, $4 the operation, $5 and $6 the
   * times from (inclusive) and until (exclusive), $2 the id of the last entry of the previous page.
   */
  static final String FILTERED_PAGE =
      """
      SELECT id, at, actor, operation, input FROM audit_entry
      WHERE ($2::bigint IS NULL OR id < $2) AND ($3::text IS NULL OR actor = $3)
        AND ($4::text IS NULL OR operation = $4)
        AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
      ORDER BY id DESC LIMIT $1""";

  /** Every actor and operation the log names, for the filters' choices. */
  static final String ACTORS = "SELECT DISTINCT actor FROM audit_entry ORDER BY actor";

  static final String OPERATIONS = "SELECT DISTINCT operation FROM audit_entry ORDER BY operation";
}
