-- The catalog: environments, products and their applications (one per product and environment).
CREATE TABLE environment (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  kind       text NOT NULL DEFAULT 'NON_PROD' CHECK (kind IN ('NON_PROD', 'PROD')),
  position   integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE product (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name               text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  concurrency        text NOT NULL DEFAULT 'QUEUE' CHECK (concurrency IN ('QUEUE', 'TERMINATE')),
  promotion_template jsonb,
  created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE application (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name           text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  product_id     bigint NOT NULL REFERENCES product (id),
  environment_id bigint NOT NULL REFERENCES environment (id),
  repo_url       text NOT NULL,
  branch         text NOT NULL DEFAULT 'main',
  path           text NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT application_one_per_product_and_environment UNIQUE (product_id, environment_id)
);
CREATE INDEX application_environment ON application (environment_id);

-- API tokens: only a SHA-256 of the secret is kept.
CREATE TABLE api_token (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL UNIQUE,
  role         text NOT NULL CHECK (role IN ('ADMIN', 'PROMOTER', 'VIEWER')),
  secret_hash  bytea NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

-- Who changed what: one row per mutation, append-only.
CREATE TABLE audit_entry (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text NOT NULL,
  operation text NOT NULL,
  input     jsonb
);
