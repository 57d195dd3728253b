-- The outbox holds only what waits for the relay (V19), so nothing reads it by time: a replay's time range finds the
-- history in event_log by event_log_occurred_idx, and the few waiting rows are read whole. The index cost a write for
-- every event, and it misled the delivery order check (DeliveryOrder): after a burst left the outbox's indexes large
-- and its statistics counting a few rows, a scan of this small index looked cheaper than the order's index and read
-- every waiting row of every order on each delivery (DeliveryOrderCheckIT).
DROP INDEX outbox_occurred_idx;
