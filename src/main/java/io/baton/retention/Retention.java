package io.baton.retention;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the finished releases the {@link RetentionPolicy} lets go, with their steps, gates,
 * events and webhook deliveries, every {@link RetentionPolicy#interval()} on every instance. One
 * batch is one short transaction, with a pause between batches, so that the engine's transactions
 * never wait long behind it; candidates are locked with SKIP LOCKED, and a transaction-scoped
 * advisory lock keeps two instances from deleting at once (the one that does not get it tries again
 * next time).
 *
 * <p>Never deleted: a release that is not finished (QUEUED, RUNNING, SUSPENDED); a release that
 * brought any application its current version (the release of the application's newest step that
 * committed, and of its newest such step that succeeded, which Application.history shows); a
 * release with a step still settling what its action committed; a release with an event some
 * webhook has not read yet or a delivery still pending (a webhook that is behind holds retention
 * back rather than miss events). Each batch also moves the retention horizon, the newest deleted
 * event, so that a replay from an older cursor fails with CURSOR_EXPIRED instead of skipping.
 */
public final class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  /** The advisory lock key every instance's retention takes: "batonret" in ASCII. */
  static final long LOCK = 0x6261746f6e726574L;

  private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock($1) AS locked";

  /**
   * Up to $1 releases retention may delete, oldest finished first: with {@code byAge}, only those
   * finished before $2; with {@code byCount}, only those below the newest $2 (or $3, after the age)
   * of their product. One statement per combination, so that each has a plan that uses its limits:
   * with "$1 IS NULL OR finished_at < $1" a generic plan walks the whole of release_finished each
   * time nothing is left to delete (1.3 s at a million releases).
   */
  static String deletable(boolean byAge, boolean byCount) {
    int n = 1;
    String cutoff = byAge ? "$" + ++n : null;
    String keep = byCount ? "$" + ++n : null;
    return """
        WITH current AS (
          SELECT c.release_id FROM application a
          CROSS JOIN LATERAL (
            (SELECT s.release_id FROM release_step s
             WHERE s.application_id = a.id AND s.commit_sha IS NOT NULL
             ORDER BY s.release_id DESC LIMIT 1)
            UNION ALL
            (SELECT s.release_id FROM release_step s
             WHERE s.application_id = a.id AND s.commit_sha IS NOT NULL AND s.status = 'SUCCEEDED'
             ORDER BY s.release_id DESC LIMIT 1)
          ) c
        ), least_read AS (
          SELECT fed_txid, fed_event_id FROM webhook ORDER BY fed_txid, fed_event_id LIMIT 1
        )"""
        + (byCount
            ? """
                , newest_deletable AS (
                  SELECT p.id AS product_id,
                         (SELECT r.id FROM release r WHERE r.product_id = p.id
                          ORDER BY r.id DESC OFFSET %s::int LIMIT 1) AS release_id
                  FROM product p
                )"""
                .formatted(keep)
            : "")
        + """

        SELECT r.id FROM release r"""
        + (byCount ? " JOIN newest_deletable n ON n.product_id = r.product_id" : "")
        + """

        WHERE r.finished_at IS NOT NULL
          AND r.status IN ('SUCCEEDED', 'FAILED', 'TERMINATED')"""
        + (byAge ? "\n  AND r.finished_at < " + cutoff + "::timestamptz" : "")
        + (byCount ? "\n  AND r.id <= n.release_id" : "")
        + """

          AND r.id NOT IN (SELECT release_id FROM current)
          AND NOT EXISTS (SELECT 1 FROM release_step s WHERE s.release_id = r.id AND s.lease_owner IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM least_read w JOIN release_event e
                          ON e.release_id = r.id AND (e.txid, e.id) > (w.fed_txid, w.fed_event_id))
          AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.release_id = r.id AND d.status = 'PENDING')
        ORDER BY r.finished_at, r.id
        LIMIT $1
        FOR UPDATE OF r SKIP LOCKED""";
  }

  /** Deletes the events of releases $1 and moves the horizon to the newest of them. */
  static final String DELETE_EVENTS =
      """
      WITH gone AS (DELETE FROM release_event WHERE release_id = ANY($1) RETURNING txid, id)
      UPDATE retention_horizon h SET txid = n.txid, id = n.id
      FROM (SELECT txid, id FROM gone ORDER BY txid DESC, id DESC LIMIT 1) n
      WHERE (n.txid, n.id) > (h.txid, h.id)""";

  /** Steps, gates and webhook deliveries go with their release (ON DELETE CASCADE). */
  static final String DELETE_RELEASES = "DELETE FROM release WHERE id = ANY($1)";

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final RetentionPolicy policy;
  private long timer = -1;
  private boolean sweeping;
  private volatile boolean stopped;

  public Retention(Vertx vertx, Pool pool, Clock clock, RetentionPolicy policy) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.policy = policy;
  }

  /** Looks every interval, when the policy deletes anything at all. */
  public void start() {
    if (policy.on()) {
      timer = vertx.setPeriodic(policy.interval().toMillis(), id -> sweep());
    }
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  /** Deletes batch after batch until one comes out short; a sweep already under way goes on. */
  private void sweep() {
    if (sweeping || stopped) {
      return;
    }
    sweeping = true;
    next(0);
  }

  private void next(long deletedSoFar) {
    deleteBatch()
        .onComplete(
            result -> {
              if (result.failed()) {
                sweeping = false;
                LOG.warn("retention failed: {}", result.cause().getMessage());
                return;
              }
              long deleted = deletedSoFar + result.result();
              if (result.result() == policy.batchSize() && !stopped) {
                vertx.setTimer(Math.max(1, policy.batchPause().toMillis()), id -> next(deleted));
                return;
              }
              sweeping = false;
              if (deleted > 0) {
                LOG.info("retention deleted {} releases with their steps and events", deleted);
              }
            });
  }

  /**
   * One batch, in one transaction: how many releases it deleted (none when another instance holds
   * the lock).
   */
  Future<Integer> deleteBatch() {
    if (!policy.on()) {
      return Future.succeededFuture(0);
    }
    OffsetDateTime cutoff =
        policy
            .maxAge()
            .map(age -> clock.instant().minus(age).atOffset(ZoneOffset.UTC))
            .orElse(null);
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(TRY_LOCK)
                .execute(Tuple.of(LOCK))
                .compose(
                    locked ->
                        locked.iterator().next().getBoolean("locked")
                            ? deletable(connection, cutoff)
                            : Future.succeededFuture(List.<Long>of()))
                .compose(
                    ids -> ids.isEmpty() ? Future.succeededFuture(0) : delete(connection, ids)));
  }

  private Future<List<Long>> deletable(SqlConnection connection, OffsetDateTime cutoff) {
    Tuple arguments = Tuple.of(policy.batchSize());
    if (cutoff != null) {
      arguments.addOffsetDateTime(cutoff);
    }
    policy.keepPerProduct().ifPresent(arguments::addInteger);
    return connection
        .preparedQuery(deletable(cutoff != null, policy.keepPerProduct().isPresent()))
        .execute(arguments)
        .map(
            rows -> {
              List<Long> ids = new ArrayList<>(rows.size());
              for (Row row : rows) {
                ids.add(row.getLong("id"));
              }
              return ids;
            });
  }

  private Future<Integer> delete(SqlConnection connection, List<Long> ids) {
    Tuple released = Tuple.tuple().addArrayOfLong(ids.toArray(new Long[0]));
    return connection
        .preparedQuery(DELETE_EVENTS)
        .execute(released)
        .compose(v -> connection.preparedQuery(DELETE_RELEASES).execute(released))
        .map(rows -> rows.rowCount());
  }
}
