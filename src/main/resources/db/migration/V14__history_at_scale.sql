-- History at scale (issue 16): what a year of history (a million releases) needs.

-- Retention keeps a release whose step still holds a lease (its action may be pushing). Without this index that test
-- read all of release_step for each batch (1.3 s and 680 MB at a million releases, beside the engine); leased steps
-- are the few running now.
CREATE INDEX release_step_leased ON release_step (release_id) WHERE lease_owner IS NOT NULL;
