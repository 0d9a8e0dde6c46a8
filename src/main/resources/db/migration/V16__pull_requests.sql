-- A PULL_REQUEST step pushes its commit to a branch of its own and opens a pull request against the application's
-- branch; it waits SUSPENDED until the pull request is merged or closed (io.baton.pullrequest).
ALTER TABLE promotion_flow_step DROP CONSTRAINT promotion_flow_step_action_check;
ALTER TABLE promotion_flow_step ADD CONSTRAINT promotion_flow_step_action_check
  CHECK (action IN ('COMMIT', 'NONE', 'PULL_REQUEST'));
ALTER TABLE release_step DROP CONSTRAINT release_step_action_check;
ALTER TABLE release_step ADD CONSTRAINT release_step_action_check
  CHECK (action IN ('COMMIT', 'NONE', 'PULL_REQUEST'));

-- One row per pull request a step opened (or adopted: one found open on its branch after a crash). attempt is the
-- step's attempt that waits for it; a retry after a close opens a new one. merge_commit_sha is what the step records.
CREATE TABLE pull_request (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  release_id       bigint NOT NULL,
  environment_id   bigint NOT NULL,
  attempt          integer NOT NULL,
  provider         text NOT NULL CHECK (provider IN ('GITHUB', 'GITLAB', 'GITEA', 'BITBUCKET')),
  api_url          text NOT NULL,
  repository       text NOT NULL,
  number           bigint NOT NULL,
  url              text NOT NULL,
  head_branch      text NOT NULL,
  base_branch      text NOT NULL,
  version          text,
  state            text NOT NULL CHECK (state IN ('OPEN', 'MERGED', 'CLOSED')),
  merge_commit_sha text,
  closed_by        text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  FOREIGN KEY (release_id, environment_id) REFERENCES release_step (release_id, environment_id) ON DELETE CASCADE,
  CONSTRAINT pull_request_once_per_provider UNIQUE (api_url, repository, number),
  CONSTRAINT pull_request_merged_has_commit CHECK (state <> 'MERGED' OR merge_commit_sha IS NOT NULL)
);

-- Nothing is opened twice: a step has at most one open pull request, whatever crashes and re-runs happen.
CREATE UNIQUE INDEX pull_request_one_open_per_step ON pull_request (release_id, environment_id) WHERE state = 'OPEN';
-- What the watcher polls.
CREATE INDEX pull_request_open ON pull_request (updated_at) WHERE state = 'OPEN';
