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
}
