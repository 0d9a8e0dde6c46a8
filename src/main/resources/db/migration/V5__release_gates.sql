-- The gates of a release's steps, copied from the flow snapshot with the steps, and the answers people gave to
-- approval gates. A gate is checked by one instance at a time: the checker claims due gates with
-- FOR UPDATE SKIP LOCKED and moves next_check_at past the check (its lease), so a crashed checker's gates come due
-- again by themselves.
CREATE TABLE release_gate (
  release_id     bigint NOT NULL,
  environment_id bigint NOT NULL,
  position       integer NOT NULL,
  spec           jsonb NOT NULL,
  "when"         text NOT NULL CHECK ("when" IN ('BEFORE', 'AFTER')),
  status         text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RUNNING', 'SUSPENDED', 'PASSED', 'FAILED')),
  message        text,
  attempt        integer NOT NULL DEFAULT 0,
  started_at     timestamptz,
  passed_at      timestamptz,
  state          jsonb NOT NULL DEFAULT '{}',
  next_check_at  timestamptz,
  revision       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (release_id, environment_id, position),
  FOREIGN KEY (release_id, environment_id) REFERENCES release_step (release_id, environment_id) ON DELETE CASCADE
);
CREATE INDEX release_gate_due ON release_gate (next_check_at) WHERE status IN ('RUNNING', 'SUSPENDED');

CREATE TABLE release_approval (
  release_id     bigint NOT NULL,
  environment_id bigint NOT NULL,
  attempt        integer NOT NULL,
  "by"           text NOT NULL,
  role           text NOT NULL,
  approved       boolean NOT NULL,
  comment        text,
  at             timestamptz NOT NULL,
  UNIQUE (release_id, environment_id, attempt, "by"),
  FOREIGN KEY (release_id, environment_id) REFERENCES release_step (release_id, environment_id) ON DELETE CASCADE
);
