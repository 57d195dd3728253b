-- Cross-node wake-up: a transaction that adds unpublished outbox rows sends one notification on the channel
-- waybill_outbox, which PostgreSQL delivers to every session that listens (each node's OutboxListener) when the
-- transaction commits, and never when it rolls back. A trigger rather than a pg_notify call from the application:
-- it costs no extra round trip per transaction, and it covers rows written by anything else (tools, tests, an older
-- node). Statement level, so a multi-row INSERT notifies once; identical notifications of one transaction are
-- delivered once, so a transaction that inserts in several statements still sends one. The payload is the outbox's
-- schema. Rows written already published (the benchmark's direct-xa mode) give the relays nothing to do: no
-- notification.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM added WHERE published_at IS NULL) THEN
        PERFORM pg_notify('waybill_outbox', TG_TABLE_SCHEMA);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
