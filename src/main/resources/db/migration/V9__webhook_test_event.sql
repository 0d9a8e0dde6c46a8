-- testWebhook (issue 13): a TEST delivery is of no release, so it has no release, product or status of an event.
ALTER TABLE webhook_delivery
  ALTER COLUMN release_id DROP NOT NULL,
  ALTER COLUMN product_id DROP NOT NULL,
  ALTER COLUMN status_of_event DROP NOT NULL,
  ADD CONSTRAINT webhook_delivery_test_has_no_release CHECK ((event = 'TEST') = (release_id IS NULL));
