-- The vendor's (codefresh.io/v1beta1) fields Baton keeps with an object, exports again, but does not carry out:
-- a flow's hooks, and its steps' hooks and pre- and post-action workflows. json, not jsonb: an export writes the
-- keys in the order the file had them, so applying the export again changes nothing.
ALTER TABLE promotion_flow ADD COLUMN kept json NOT NULL DEFAULT '{}';

-- Promotion templates of their own (the vendor's standalone PromotionTemplate), which a product names by
-- promotion_template_ref. template holds what a product's promotion_template holds (versionSource, promotion);
-- selector, the vendor's applicationSourceSelector, and priority are kept as written.
CREATE TABLE promotion_template (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name     text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  priority integer NOT NULL DEFAULT 0,
  selector json NOT NULL DEFAULT '{}',
  template jsonb NOT NULL
);

-- A product that names a template promotes by it, in place of its own promotion_template (the vendor's rule).
ALTER TABLE product ADD COLUMN promotion_template_ref text REFERENCES promotion_template (name) ON UPDATE CASCADE;
CREATE INDEX product_promotion_template_ref ON product (promotion_template_ref);
