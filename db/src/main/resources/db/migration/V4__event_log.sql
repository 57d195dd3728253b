-- The event history outlives the outbox: published rows older than the retention are moved here in batches, so the
-- outbox stays small while every event stays queryable (event_history: both tables, one id sequence, in order).
-- Same columns as the outbox by construction; the id is the outbox's, not a new one.
CREATE TABLE event_log (LIKE outbox);
ALTER TABLE event_log
    ADD PRIMARY KEY (id),
    ADD UNIQUE (event_id),
    ALTER COLUMN published_at SET NOT NULL;
CREATE INDEX event_log_aggregate_idx ON event_log (aggregate_id, id);
CREATE INDEX event_log_occurred_idx ON event_log (occurred_at);
CREATE INDEX outbox_occurred_idx ON outbox (occurred_at);

CREATE VIEW event_history AS
    SELECT * FROM event_log
    UNION ALL
    SELECT * FROM outbox;
