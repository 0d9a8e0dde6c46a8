-- Promotion flows: a trigger environment and target steps forming a DAG.
CREATE TABLE promotion_flow (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                   text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  description            text,
  version                text,
  timeout_ms             bigint NOT NULL DEFAULT 86400000 CHECK (timeout_ms > 0),
  trigger_environment_id bigint NOT NULL REFERENCES environment (id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);

-- depends_on holds environment ids; each is the trigger environment or another step's environment of the same
-- flow, so the foreign keys on environment_id and trigger_environment_id already keep every one of them alive.
CREATE TABLE promotion_flow_step (
  flow_id        bigint NOT NULL REFERENCES promotion_flow (id) ON DELETE CASCADE,
  position       integer NOT NULL,
  environment_id bigint NOT NULL REFERENCES environment (id),
  depends_on     bigint[] NOT NULL,
  action         text NOT NULL DEFAULT 'COMMIT' CHECK (action IN ('COMMIT', 'NONE')),
  PRIMARY KEY (flow_id, position),
  CONSTRAINT promotion_flow_step_once_per_environment UNIQUE (flow_id, environment_id)
);
CREATE INDEX promotion_flow_step_environment ON promotion_flow_step (environment_id);
