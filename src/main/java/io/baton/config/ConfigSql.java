package io.baton.config;

final class ConfigSql {
  private ConfigSql() {}

  /** Two applies at once would plan against a catalog the other is changing: one waits. */
  static final String APPLY_LOCK = "SELECT pg_advisory_xact_lock(hashtext('baton.applyConfig'))";

  /** An export reads the catalog in several statements, all from one snapshot. */
  static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY";
}
