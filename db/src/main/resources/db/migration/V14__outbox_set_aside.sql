-- A row the broker keeps refusing (its address missing on an external broker, no permission, too large) must not stop
-- the relay: each refusal is counted with its reason, and after a bounded number the row is set aside, for an operator
-- to retry once the cause is fixed. The rows of its order after it wait with it (per-order order); every other row
-- flows. Published rows never have these set, so the event log does not carry them.
ALTER TABLE outbox
    ADD COLUMN publish_attempts   integer NOT NULL DEFAULT 0,
    ADD COLUMN last_publish_error varchar(1000),
    ADD COLUMN set_aside_at       timestamptz;
-- The relay's claim asks, for each row it looks at, whether its order has a row set aside: a tiny index.
CREATE INDEX outbox_set_aside_idx ON outbox (aggregate_id) WHERE set_aside_at IS NOT NULL;
