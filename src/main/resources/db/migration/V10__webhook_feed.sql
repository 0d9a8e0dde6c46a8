-- Outgoing webhooks read the release event log instead of having a delivery row written beside every event
-- (docs/decisions/0003-webhooks-tail-the-event-log.md). The event log is the outbox: an event is durable in the
-- transaction that makes it, and each webhook keeps how far it has read the log (fed_txid, fed_event_id). The
-- deliverer turns the next events a webhook wants into its deliveries, in log order, and moves that position, in one
-- statement (webhook_feed), off the engine's path and only as fast as the webhook's deliveries go out.
DROP TRIGGER release_event_webhooks ON release_event;
DROP FUNCTION webhook_outbox();

-- A new webhook hears of events from the oldest transaction still running when it is made: none committed before it
-- is missed by a transaction that was under way, and none long committed is sent.
ALTER TABLE webhook
  ADD COLUMN fed_txid bigint NOT NULL DEFAULT txid_snapshot_xmin(txid_current_snapshot()),
  ADD COLUMN fed_event_id bigint NOT NULL DEFAULT 0;

-- The trigger made deliveries for every event committed so far; the webhooks of a database that had it go on after the
-- newest event.
UPDATE webhook SET (fed_txid, fed_event_id) = (
  SELECT e.txid, e.id FROM release_event e ORDER BY e.txid DESC, e.id DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM release_event);

-- Feeds each webhook whose pending deliveries are fewer than backlog: reads at most scan events after its position
-- and below the oldest running transaction (as the release event feed does, so an event of a transaction that
-- commits late is never passed over), inserts a delivery for each event it wants, in log order, and moves its
-- position past every event read, wanted or not. A webhook being fed elsewhere is skipped (SKIP LOCKED). Returns the
-- most events read for one webhook: scan means that webhook may have more to read now.
CREATE FUNCTION webhook_feed(backlog integer, scan integer) RETURNS integer
LANGUAGE sql VOLATILE AS $$
  WITH fed AS (
    SELECT w.id, w.events, w.product_id, w.fed_txid, w.fed_event_id FROM webhook w
    WHERE (SELECT count(*) FROM (SELECT 1 FROM webhook_delivery d
                                 WHERE d.webhook_id = w.id AND d.status = 'PENDING' LIMIT backlog) p) < backlog
    FOR UPDATE SKIP LOCKED
  ), events_read AS (
    SELECT f.id AS webhook_id, f.events AS wanted, f.product_id AS wanted_product, e.txid, e.id, e.at, e.release_id,
           e.product_id, e.environment_id, e.status, e.message,
           webhook_event_type(e.environment_id, e.status, e.previous_status) AS event
    FROM fed f
    CROSS JOIN LATERAL (
      SELECT * FROM release_event e
      WHERE (e.txid, e.id) > (f.fed_txid, f.fed_event_id) AND e.txid < txid_snapshot_xmin(txid_current_snapshot())
      ORDER BY e.txid, e.id
      LIMIT scan) e
  ), delivered AS (
    INSERT INTO webhook_delivery (webhook_id, event, event_txid, event_id, at, release_id, product_id, environment_id,
                                  status_of_event, message)
    SELECT webhook_id, event, txid, id, at, release_id, product_id, environment_id, status, message FROM events_read
    WHERE event = ANY (wanted) AND (wanted_product IS NULL OR wanted_product = product_id)
    ORDER BY webhook_id, txid, id
    RETURNING 1
  ), moved AS (
    UPDATE webhook w SET fed_txid = last.txid, fed_event_id = last.id
    FROM (SELECT DISTINCT ON (webhook_id) webhook_id, txid, id FROM events_read ORDER BY webhook_id, txid DESC, id DESC) last
    WHERE w.id = last.webhook_id
    RETURNING 1
  )
  -- delivered and moved run to completion though not read here, as every data-modifying WITH does.
  SELECT coalesce(max(n), 0)::integer FROM (SELECT count(*) AS n FROM events_read GROUP BY webhook_id) per_webhook
$$;
