package io.baton.webhook;

/** Every statement about webhooks, their deliveries and attempts, in one place. */
final class WebhookSql {
  private WebhookSql() {}

  static final String COLUMNS = "id, name, url, events, product_id, format, created_at";

  static final String LIST = "SELECT " + COLUMNS + " FROM webhook ORDER BY name";

  static final String BY_NAME = "SELECT " + COLUMNS + " FROM webhook WHERE name = $1";

  static final String INSERT =
      "INSERT INTO webhook (name, url, secret, events, product_id, format)"
          + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING "
          + COLUMNS;

  static final String DELETE = "DELETE FROM webhook WHERE name = $1 RETURNING " + COLUMNS;

  private static final String DELIVERY_COLUMNS =
      """
      d.id, d.webhook_id, d.event, d.release_id, d.status, d.attempts, d.created_at, d.next_attempt_at,
      d.last_attempt_at, d.response_status, d.response_excerpt, d.error, d.redelivery_of,
      (SELECT e.name FROM environment e WHERE e.id = d.environment_id) AS environment_name,
      (SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'duration_ms', a.duration_ms,
                                         'response_status', a.response_status,
                                         'response_excerpt', a.response_excerpt, 'error', a.error)
                       ORDER BY a.attempt)
       FROM webhook_attempt a WHERE a.delivery_id = d.id) AS history""";

  /** A webhook's deliveries, newest first, at most $2, below delivery $3 when given. */
  static final String DELIVERIES =
      "SELECT "
          + DELIVERY_COLUMNS
          + " FROM webhook_delivery d WHERE d.webhook_id = $1 ORDER BY d.id DESC LIMIT $2";

  static final String DELIVERIES_BEFORE =
      "SELECT "
          + DELIVERY_COLUMNS
          + " FROM webhook_delivery d WHERE d.webhook_id = $1 AND d.id < $3 ORDER BY d.id DESC LIMIT $2";

  static final String DELIVERY =
      "SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery d WHERE d.id = $1";

  static final String STATUS_OF_DELIVERY = "SELECT status FROM webhook_delivery WHERE id = $1";

  /**
   * The same event again, as a new delivery at the end of its webhook's queue ($1: the delivery,
   * $2: now).
   */
  static final String REDELIVER =
      """
      INSERT INTO webhook_delivery (webhook_id, event, event_txid, event_id, at, release_id, product_id, environment_id,
                                    status_of_event, message, redelivery_of, created_at, next_attempt_at)
      SELECT webhook_id, event, event_txid, event_id, at, release_id, product_id, environment_id, status_of_event,
             message, id, $2, $2
      FROM webhook_delivery WHERE id = $1
      RETURNING id""";

  /**
   * A TEST event for webhook $1 at $2, as a new delivery at the end of its queue; its CloudEvents
   * id is the transaction's id with event 0, which no release event has.
   */
  static final String TEST =
      """
      INSERT INTO webhook_delivery (webhook_id, event, event_txid, event_id, at, created_at, next_attempt_at)
      SELECT id, 'TEST', txid_current(), 0, $2, $2, $2 FROM webhook WHERE name = $1
      RETURNING id""";

  /** Feeds the webhooks from the release event log ($1 backlog, $2 events read per webhook). */
  static final String FEED = "SELECT webhook_feed($1, $2)";

  /**
   * Claims up to $2 deliveries due at $1, at most one per webhook and only its first pending one
   * (so a webhook's deliveries go out in order), under the lease ($3, $4), with what sending them
   * takes. The first pending delivery of each webhook is found by one probe of the index per
   * webhook; the due conditions are on the locked row itself, so that a row claimed or finished by
   * another deliverer since this statement's snapshot is re-checked and skipped.
   */
  static final String CLAIM =
      """
      WITH heads AS (
        SELECT h.id FROM webhook w
        CROSS JOIN LATERAL (
          SELECT d.id FROM webhook_delivery d
          WHERE d.webhook_id = w.id AND d.status = 'PENDING'
          ORDER BY d.id LIMIT 1) h
      ), due AS (
        SELECT d.id FROM webhook_delivery d JOIN heads ON heads.id = d.id
        WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1 AND (d.lease_until IS NULL OR d.lease_until < $1)
        ORDER BY d.next_attempt_at
        LIMIT $2
        FOR UPDATE OF d SKIP LOCKED
      )
      UPDATE webhook_delivery d SET lease_owner = $3, lease_until = $4, claim = d.claim + 1
      FROM due, webhook w
      WHERE d.id = due.id AND w.id = d.webhook_id
      RETURNING d.id, d.claim, d.attempts, d.event, d.event_txid, d.event_id, d.at, d.release_id, d.status_of_event,
                d.message, d.created_at, w.name AS webhook_name, w.url, w.secret, w.format,
                (SELECT r.flow_name FROM release r WHERE r.id = d.release_id) AS flow_name,
                (SELECT r.version FROM release r WHERE r.id = d.release_id) AS version,
                (SELECT p.name FROM product p WHERE p.id = d.product_id) AS product_name,
                (SELECT e.name FROM environment e WHERE e.id = d.environment_id) AS environment_name""";

  /**
   * The outcome of an attempt ($1 delivery, $2 claim, $3 owner): only if the claim is still this
   * deliverer's; the attempt is recorded with it, in the same statement.
   */
  static final String RECORD_ATTEMPT =
      """
      WITH done AS (
        UPDATE webhook_delivery
        SET status = $4, attempts = attempts + 1, last_attempt_at = $5, response_status = $6, response_excerpt = $7,
            error = $8, next_attempt_at = $9, lease_owner = NULL, lease_until = NULL
        WHERE id = $1 AND claim = $2 AND lease_owner = $3 AND status = 'PENDING'
        RETURNING id, attempts
      )
      INSERT INTO webhook_attempt (delivery_id, attempt, at, duration_ms, response_status, response_excerpt, error)
      SELECT id, attempts, $5, $10, $6, $7, $8 FROM done
      RETURNING attempt""";
}
