-- Automatic triggers (issue 13): a product lists, in order, the flows that run by themselves when its application in
-- the flow's trigger environment gets a new commit, each with optional Git trigger selectors (a JSON array of
-- {key, operator, values}, as the GraphQL input has them). Deleting a flow drops it from every product's list.
CREATE TABLE product_flow_trigger (
  product_id            bigint NOT NULL REFERENCES product (id) ON DELETE CASCADE,
  position              integer NOT NULL,
  flow_id               bigint NOT NULL REFERENCES promotion_flow (id) ON DELETE CASCADE,
  git_trigger_selectors jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(git_trigger_selectors) = 'array'),
  PRIMARY KEY (product_id, position),
  CONSTRAINT product_flow_trigger_once UNIQUE (product_id, flow_id)
);
CREATE INDEX product_flow_trigger_flow ON product_flow_trigger (flow_id);

-- An administrator's pause: while paused, no commit starts a release of the product.
ALTER TABLE product ADD COLUMN auto_trigger_paused boolean NOT NULL DEFAULT false;
ALTER TABLE product ADD COLUMN auto_trigger_pause_reason text;

-- Exactly once: the commit that started an automatic release. However many Baton instances, restarts and polls see
-- a commit, each (product, flow, commit) starts at most one release; a second insert fails on this index.
ALTER TABLE release ADD COLUMN trigger_commit text;
CREATE UNIQUE INDEX release_trigger_once ON release (product_id, flow_id, trigger_commit)
  WHERE trigger_commit IS NOT NULL;

-- The last commit the Git watcher has dealt with, per trigger application: a restart or a second instance starts
-- from here rather than from the head (the index above is the guarantee; this keeps them from trying again).
-- "source" is the repository, branch and path it was read from: when the application is moved elsewhere, watching
-- starts again from the new head rather than reading the new branch's whole history as new.
CREATE TABLE git_watch (
  application_id bigint PRIMARY KEY REFERENCES application (id) ON DELETE CASCADE,
  source         text NOT NULL,
  last_commit    text NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
