-- Gates in the catalog (issue 12): a flow step's own gates, an environment's gates (applied to every step into it,
-- before the step's own) and its Argo CD server, and an application's Argo CD application name.
-- Gates are a JSON array of definitions, as the GraphQL Gate type has them; they are read and written whole.
ALTER TABLE promotion_flow_step ADD COLUMN gates jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(gates) = 'array');

ALTER TABLE environment ADD COLUMN gates jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(gates) = 'array');
ALTER TABLE environment ADD COLUMN argocd_server text;

-- Null: the application's own name.
ALTER TABLE application ADD COLUMN argocd_application text;
