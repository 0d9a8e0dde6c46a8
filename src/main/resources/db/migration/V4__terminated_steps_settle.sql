-- A step terminated while its action may be pushing keeps its lease until what the action committed is known: the
-- holder reports it when the action ends, or, when the holder is gone or reported no commit, whoever claims the
-- expired lease looks for the step's commit (by its trailers) in the target. Then the lease is released.
ALTER TABLE release_step DROP CONSTRAINT release_step_lease_only_while_running;
ALTER TABLE release_step ADD CONSTRAINT release_step_lease_only_while_running_or_settling
  CHECK (status IN ('RUNNING', 'TERMINATED') OR lease_owner IS NULL);
CREATE INDEX release_step_settling ON release_step (lease_until) WHERE status = 'TERMINATED' AND lease_owner IS NOT NULL;
