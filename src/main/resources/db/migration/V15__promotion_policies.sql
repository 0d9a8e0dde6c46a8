-- Promotion policies (issue 17): for a product and a target environment, the matching policies, merged field by field
-- by priority, decide a flow step's action where the flow leaves it unset. Selectors are lists of names (and of
-- environment kinds); an empty list matches every product or environment. pre_action and post_action name the
-- vendor's workflow templates: kept and exported again, not carried out.
CREATE TABLE promotion_policy (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  priority            integer NOT NULL,
  products            text[] NOT NULL DEFAULT '{}',
  environments        text[] NOT NULL DEFAULT '{}',
  environment_kinds   text[] NOT NULL DEFAULT '{}'
    CHECK (environment_kinds <@ ARRAY['NON_PROD', 'PROD']::text[]),
  -- PULL_REQUEST is the vendor's pr, which the pull-request work of issue 17 adds to StepAction.
  action              text CHECK (action IN ('COMMIT', 'NONE', 'PULL_REQUEST')),
  pre_action          text,
  post_action         text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

-- A flow step without an action of its own (NULL) takes the one its promotion policies decide, COMMIT when none sets
-- one. Steps stored before this migration keep the COMMIT they were given.
ALTER TABLE promotion_flow_step ALTER COLUMN action DROP NOT NULL;
ALTER TABLE promotion_flow_step ALTER COLUMN action DROP DEFAULT;
