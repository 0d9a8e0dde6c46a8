-- Line control (issue 14): freeze windows, paused environments, pinned applications, and steps held by them.

-- Bumped by every change to line control; a held step remembers the version it was judged by, and is judged again
-- as soon as the version moves on (on every instance, at its next poll).
CREATE TABLE line_control (
  id      integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO line_control (id, version) VALUES (1, 0);

CREATE TABLE freeze_window (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  start_at    timestamptz,
  end_at      timestamptz,
  cron        text,
  duration_ms bigint,
  time_zone   text NOT NULL DEFAULT 'UTC',
  reason      text NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT freeze_window_one_off_or_recurring CHECK (
    (start_at IS NOT NULL AND end_at IS NOT NULL AND end_at > start_at AND cron IS NULL AND duration_ms IS NULL)
    OR (start_at IS NULL AND end_at IS NULL AND cron IS NOT NULL AND duration_ms > 0))
);

CREATE TABLE freeze_window_environment (
  window_id      bigint NOT NULL REFERENCES freeze_window (id) ON DELETE CASCADE,
  environment_id bigint NOT NULL REFERENCES environment (id) ON DELETE CASCADE,
  PRIMARY KEY (window_id, environment_id)
);

CREATE TABLE environment_pause (
  environment_id bigint PRIMARY KEY REFERENCES environment (id) ON DELETE CASCADE,
  paused_by      text NOT NULL,
  reason         text NOT NULL,
  paused_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE application_pin (
  application_id bigint PRIMARY KEY REFERENCES application (id) ON DELETE CASCADE,
  pinned_by      text NOT NULL,
  reason         text NOT NULL,
  pinned_at      timestamptz NOT NULL DEFAULT now()
);

-- A held step is SUSPENDED with held = true; it is judged again at hold_check_at (when what holds it ends; null:
-- never by time) or when line_control.version passes hold_version. freeze_override: who let it through a window, why.
ALTER TABLE release_step
  ADD COLUMN held            boolean NOT NULL DEFAULT false,
  ADD COLUMN hold_check_at   timestamptz,
  ADD COLUMN hold_version    bigint,
  ADD COLUMN freeze_override text;
CREATE INDEX release_step_held ON release_step (hold_check_at) WHERE held;
