-- A replay is recorded, and sent page by page, each page in its own short transaction that advances the row: no
-- transaction grows with the replay, and a replay stopped half-way (a crash, the broker away) is resumed from its
-- last page by a retry of its request (same caller, same Idempotency-Key) instead of being sent again from the start.
-- The events of a replay are fixed when it is requested: those its request matches up to last_event_id.
CREATE TABLE replays (
    id              uuid         PRIMARY KEY,
    requested_by    varchar(100) NOT NULL,
    idempotency_key varchar(100),
    order_id        uuid,
    occurred_from   timestamptz,
    occurred_to     timestamptz,
    status          varchar(10)  NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    events_total    bigint       NOT NULL,
    events_sent     bigint       NOT NULL DEFAULT 0,
    last_event_id   bigint       NOT NULL,            -- the event_history id of the replay's last event
    sent_through_id bigint       NOT NULL DEFAULT 0,  -- the event_history id of the last event sent
    sender          uuid,                             -- the run that may send the next page; a resume replaces it
    error           varchar(1000),
    requested_at    timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,            -- every page moves it: a RUNNING replay long quiet has stalled
    finished_at     timestamptz,
    CHECK ((order_id IS NULL) <> (occurred_from IS NULL AND occurred_to IS NULL))
);
-- Keys are scoped to the caller, as for orders.
CREATE UNIQUE INDEX replays_idempotency_idx ON replays (requested_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
