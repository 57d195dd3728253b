-- The event history outlives the outbox: published rows older than the retention are moved here in batches, so the
-- outbox stays small while every event stays queryable (event_history: both tables, one id sequence, in order).
CREATE TABLE event_log (
    id             bigint       PRIMARY KEY,
    event_id       uuid         NOT NULL UNIQUE,
    event_type     varchar(100) NOT NULL,
    event_version  integer      NOT NULL,
    aggregate_type varchar(50)  NOT NULL,
    aggregate_id   varchar(100) NOT NULL,
    occurred_at    timestamptz  NOT NULL,
    correlation_id varchar(100) NOT NULL,
    causation_id   uuid,
    payload        jsonb        NOT NULL,
    published_at   timestamptz  NOT NULL,
    destination    varchar(100) NOT NULL
);
CREATE INDEX event_log_aggregate_idx ON event_log (aggregate_id, id);
CREATE INDEX event_log_occurred_idx ON event_log (occurred_at);
CREATE INDEX outbox_occurred_idx ON outbox (occurred_at);

CREATE VIEW event_history AS
    SELECT id, event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at, correlation_id,
           causation_id, payload, published_at, destination
      FROM event_log
    UNION ALL
    SELECT id, event_id, event_type, event_version, aggregate_type, aggregate_id, occurred_at, correlation_id,
           causation_id, payload, published_at, destination
      FROM outbox;
