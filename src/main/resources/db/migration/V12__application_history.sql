-- Application.history reads, per application, the steps that committed into it, newest release first.
CREATE INDEX release_step_application_history
  ON release_step (application_id, release_id DESC) WHERE commit_sha IS NOT NULL;
