package io.baton.release;

/** Lets the benchmark harness explain the release statements (diagnostics only). */
public final class ReleaseSqlAccess {
  public static final String PAGE_WITH_STEPS = ReleaseSql.pageWithSteps(false, false, false, false);
  public static final String EVENTS_AFTER = ReleaseSql.EVENTS_AFTER;
  public static final String CLAIM = ReleaseSql.CLAIM;
  public static final String STEPS_OF = ReleaseSql.STEPS_OF;

  private ReleaseSqlAccess() {}
}
