package io.baton.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** Lets tests of other packages run one look of {@link TableStatistics}. */
public final class TableStatisticsAccess {
  private TableStatisticsAccess() {}

  public static Future<List<String>> analyzeGrown(Vertx vertx, Pool pool) {
    return new TableStatistics(vertx, pool).analyzeGrown();
  }
}
