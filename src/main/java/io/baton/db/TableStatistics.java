package io.baton.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the planner's statistics of the release tables up to date while they are young: every
 * {@link #INTERVAL}, the tables that have at least doubled since they were last analyzed (or
 * vacuumed), and are still small, are analyzed.
 *
 * <p>Why: the engine's statements are prepared once per connection, and PostgreSQL keeps the
 * generic plan it makes for a prepared statement until the table is analyzed again. On a database
 * just made, the tables are empty, so those plans read whole tables (a sequential scan of a few
 * pages is cheapest); as the tables grow by hundreds of rows a second, every transition reads all
 * of them, until autovacuum first analyzes them, up to a minute (its naptime) later. Analyzing when
 * a table doubles makes the plans again (ANALYZE invalidates them) from statistics that are never
 * more than half wrong. Past {@link #LARGEST_PAGES} a table is left to autovacuum: its plans no
 * longer change as it grows.
 *
 * <p>Cheap: one look at pg_class a second; ANALYZE of a small table reads a few pages, and a table
 * doubles only a handful of times before it is large. Instances take turns through an advisory
 * lock, and an ANALYZE never waits for a lock (lock_timeout): the next look tries again.
 */
public final class TableStatistics {
  private static final Logger LOG = LoggerFactory.getLogger(TableStatistics.class);

  public static final Duration INTERVAL = Duration.ofSeconds(1);

  /** 128 MB: beyond this, autovacuum's analyses keep up and plans no longer flip. */
  static final long LARGEST_PAGES = 16_384;

  /** A table smaller than this many pages is not worth analyzing again yet. */
  static final long SMALLEST_PAGES = 4;

  /** The advisory lock key of the analyzing instance: "batonsta" in ASCII. */
  static final long LOCK = 0x6261746f6e737461L;

  static final List<String> TABLES =
      List.of(
          "release",
          "release_step",
          "release_event",
          "release_gate",
          "release_approval",
          "webhook_delivery");

  /**
   * The tables that have doubled since their statistics were taken ({@code relpages}, -1 / 0 when
   * never), and are still small: current pages from the relation's size, so no statistics collector
   * lag.
   */
  static final String GROWN =
      """
      SELECT c.relname FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1) AND c.relkind = 'r'
        AND pg_relation_size(c.oid) / current_setting('block_size')::int
            BETWEEN greatest(2 * c.relpages, $2) AND $3
      ORDER BY c.relname""";

  private final Vertx vertx;
  private final Pool pool;
  private final Duration interval;
  private long timer = -1;
  private boolean looking;

  public TableStatistics(Vertx vertx, Pool pool) {
    this(vertx, pool, INTERVAL);
  }

  TableStatistics(Vertx vertx, Pool pool, Duration interval) {
    this.vertx = vertx;
    this.pool = pool;
    this.interval = interval;
  }

  public void start() {
    timer =
        vertx.setPeriodic(
            interval.toMillis(),
            id -> {
              if (looking) {
                return;
              }
              looking = true;
              analyzeGrown()
                  .onComplete(
                      done -> {
                        looking = false;
                        if (done.failed()) {
                          LOG.debug("table statistics: {}", done.cause().getMessage());
                        }
                      });
            });
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  /** Analyzes the tables that have doubled; the names of those it analyzed. */
  Future<List<String>> analyzeGrown() {
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(Tuple.of(LOCK))
                .compose(
                    locked ->
                        !locked.iterator().next().getBoolean("locked")
                            ? Future.succeededFuture(List.<String>of())
                            : connection
                                .preparedQuery(GROWN)
                                .execute(
                                    Tuple.of(
                                        TABLES.toArray(new String[0]),
                                        SMALLEST_PAGES,
                                        LARGEST_PAGES))
                                .compose(
                                    rows -> {
                                      List<String> grown = new ArrayList<>();
                                      for (Row row : rows) {
                                        grown.add(row.getString("relname"));
                                      }
                                      if (grown.isEmpty()) {
                                        return Future.succeededFuture(grown);
                                      }
                                      // Names come from pg_class and TABLES, never from input.
                                      return connection
                                          .query("SET LOCAL lock_timeout = '100ms'")
                                          .execute()
                                          .compose(
                                              v ->
                                                  connection
                                                      .query("ANALYZE " + String.join(", ", grown))
                                                      .execute())
                                          .map(v -> grown);
                                    })));
  }
}
