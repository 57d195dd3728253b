-- The relay moves each row it publishes from the outbox into event_log, in the statement that used to set its
-- published_at (OutboxBatch.MOVE_PUBLISHED): setting it rewrote the whole row and its index entries, and the cleanup
-- moved the row again ten minutes later, so every event was written three times and the outbox carried ten minutes
-- of published rows. The outbox now holds what waits for the relay; the cleanup still moves rows marked in place
-- (by the version before, or stored as published by the direct-XA mode).
-- The dashboard's lag of the last minute's publications reads event_log by publication time.
CREATE INDEX event_log_published_idx ON event_log (published_at);
