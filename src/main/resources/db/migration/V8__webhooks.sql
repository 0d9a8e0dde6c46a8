-- Outgoing webhooks (issue 13): an administrator registers a URL, a secret and the event types wanted (optionally of
-- one product); every matching release or step event is POSTed to it, through an outbox in this database.
-- The secret is kept as given, because every delivery is signed with it (HMAC-SHA256); the API never reads it back.
-- A product's webhooks go with it.
CREATE TABLE webhook (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  url        text NOT NULL,
  secret     text,
  events     text[] NOT NULL CHECK (cardinality(events) > 0),
  product_id bigint REFERENCES product (id) ON DELETE CASCADE,
  format     text NOT NULL CHECK (format IN ('CLOUDEVENTS', 'SLACK')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The webhook event type of a release event, or null when webhooks are not told of it. A release event has no
-- environment. A step or release coming back from SUSPENDED goes on; it does not start again.
CREATE FUNCTION webhook_event_type(environment_id bigint, status text, previous_status text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN status = 'RUNNING' AND previous_status IS DISTINCT FROM 'SUSPENDED'
      THEN CASE WHEN environment_id IS NULL THEN 'RELEASE_STARTED' ELSE 'STEP_STARTED' END
    WHEN status IN ('SUCCEEDED', 'FAILED', 'SUSPENDED')
      THEN CASE WHEN environment_id IS NULL THEN 'RELEASE_' ELSE 'STEP_' END || status
    WHEN status = 'TERMINATED' AND environment_id IS NULL THEN 'RELEASE_TERMINATED'
  END
$$;

-- The outbox: one row per (webhook, event), written by the trigger below in the transaction that writes the event,
-- so a delivery exists exactly when its event committed. Each webhook's deliveries go out in id order: the next
-- waits until the one before it was DELIVERED or FAILED (given up). A deliverer holds a delivery under a lease
-- (lease_owner, lease_until) while it sends it; "claim" counts claims and fences off the outcome of a lost one.
CREATE TABLE webhook_delivery (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id      bigint NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
  event           text NOT NULL,
  event_txid      bigint NOT NULL,
  event_id        bigint NOT NULL,
  at              timestamptz NOT NULL,
  release_id      bigint NOT NULL REFERENCES release (id) ON DELETE CASCADE,
  product_id      bigint NOT NULL,
  environment_id  bigint,
  status_of_event text NOT NULL,
  message         text,
  redelivery_of   bigint REFERENCES webhook_delivery (id) ON DELETE SET NULL,
  status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
  attempts        integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  response_status integer,
  response_excerpt text,
  error           text,
  claim           integer NOT NULL DEFAULT 0,
  lease_owner     text,
  lease_until     timestamptz,
  CONSTRAINT webhook_delivery_lease_only_while_pending CHECK (status = 'PENDING' OR lease_owner IS NULL)
);
-- A webhook's next delivery is the first of this index; the newest first for the API's pages.
CREATE INDEX webhook_delivery_pending ON webhook_delivery (webhook_id, id) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_newest ON webhook_delivery (webhook_id, id DESC);

-- Every attempt to send a delivery, as the receiver answered it (or why it did not).
CREATE TABLE webhook_attempt (
  delivery_id      bigint NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
  attempt          integer NOT NULL,
  at               timestamptz NOT NULL,
  duration_ms      integer NOT NULL,
  response_status  integer,
  response_excerpt text,
  error            text,
  PRIMARY KEY (delivery_id, attempt)
);

-- One statement per batch of events, whatever its size; with no webhook at all it reads one empty table and stops,
-- so the engine pays next to nothing for webhooks nobody registered. Deliveries get their ids in event order.
CREATE FUNCTION webhook_outbox() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_delivery (webhook_id, event, event_txid, event_id, at, release_id, product_id, environment_id,
                                status_of_event, message)
  SELECT w.id, t.event, e.txid, e.id, e.at, e.release_id, e.product_id, e.environment_id, e.status, e.message
  FROM new_events e
  CROSS JOIN LATERAL (SELECT webhook_event_type(e.environment_id, e.status, e.previous_status) AS event) t
  JOIN webhook w ON t.event = ANY (w.events) AND (w.product_id IS NULL OR w.product_id = e.product_id)
  ORDER BY e.txid, e.id, w.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER release_event_webhooks AFTER INSERT ON release_event
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_outbox();
