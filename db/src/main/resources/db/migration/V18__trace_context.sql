-- Tracing: the W3C traceparent of the span that wrote each event (the REST request, the screen's placement or the
-- consumer step that caused it), which the relay puts on the message, so every step of an order continues one trace.
-- Rows written before this, or by a node still on older code, have none: their messages start a new trace.
-- 55 characters: version 00 of the header (2-32-16-2 hex digits and three dashes).
ALTER TABLE outbox ADD COLUMN traceparent varchar(55);
ALTER TABLE event_log ADD COLUMN traceparent varchar(55);
-- The view named its columns when it was made (SELECT * is expanded then); it gains the new one at its end.
CREATE OR REPLACE VIEW event_history AS
    SELECT id, event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at, correlation_id,
           causation_id, payload, published_at, destination, traceparent FROM event_log
    UNION ALL
    SELECT id, event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at, correlation_id,
           causation_id, payload, published_at, destination, traceparent FROM outbox;

-- The order's trace: the traceparent of its placement, shown on its page and in its REST representation, and the
-- parent of what is done to it later (a cancellation), so that the order keeps one trace.
ALTER TABLE orders ADD COLUMN traceparent varchar(55);
