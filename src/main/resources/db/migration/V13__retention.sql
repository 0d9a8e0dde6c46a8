-- Retention (io.baton.retention) deletes old releases with their steps, gates and events, in small batches.

-- The newest event (in the feed's order) that retention deleted: a replay from a cursor below it would silently miss
-- events, so it fails with CURSOR_EXPIRED instead. One row; (0, 0) until retention first deletes.
CREATE TABLE retention_horizon (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  txid     bigint NOT NULL,
  id       bigint NOT NULL
);
INSERT INTO retention_horizon (txid, id) VALUES (0, 0);

-- Finished releases, oldest first: where retention looks for the next batch.
CREATE INDEX release_finished ON release (finished_at, id) WHERE finished_at IS NOT NULL;

-- Deleting a release deletes its webhook deliveries (ON DELETE CASCADE): without this index each deleted release
-- would read the whole delivery table.
CREATE INDEX webhook_delivery_release ON webhook_delivery (release_id);
