-- ANALYZE sorts a sample of every column to build its statistics, and autovacuum analyzes the event log about once a
-- minute while orders flow (each tenth of its rows new): on the benchmark machine 0.3 s of a core each time, half of
-- it for columns no query filters, joins or sorts on (the payload alone sorts 30,000 jsonb values). The planner never
-- reads their statistics, so none are kept; the columns the queries use (id, event_id, event_type, aggregate_id,
-- occurred_at, published_at, destination, set_aside_at) keep theirs.
DO $$
DECLARE
    t text;
    c text;
BEGIN
    FOREACH t IN ARRAY ARRAY['event_log', 'outbox'] LOOP
        FOREACH c IN ARRAY ARRAY['payload', 'correlation_id', 'causation_id', 'traceparent', 'event_version',
                                 'aggregate_type'] LOOP
            EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET STATISTICS 0', t, c);
        END LOOP;
    END LOOP;
END $$;
