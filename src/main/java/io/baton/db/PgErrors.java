package io.baton.db;

import io.vertx.pgclient.PgException;

/**
 * Reads PostgreSQL's SQLSTATE codes, so repositories can turn constraint violations into domain
 * errors.
 */
public final class PgErrors {
  public static final String UNIQUE_VIOLATION = "23505";
  public static final String FOREIGN_KEY_VIOLATION = "23503";

  private PgErrors() {}

  public static boolean is(Throwable failure, String sqlState) {
    return failure instanceof PgException pg && sqlState.equals(pg.getSqlState());
  }

  public static String constraint(Throwable failure) {
    return failure instanceof PgException pg && pg.getConstraint() != null
        ? pg.getConstraint()
        : "";
  }
}
