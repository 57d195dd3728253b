-- Per-order ordering while a step is retried: the earliest event of an order that failed at a consumer holds that
-- order's later events at that consumer until it succeeds (or an operator discards it). Other orders are not held.
CREATE TABLE delivery_holds (
    consumer     varchar(50)   NOT NULL,
    aggregate_id varchar(100)  NOT NULL,
    sequence     bigint        NOT NULL,
    event_id     uuid          NOT NULL,
    since        timestamptz   NOT NULL,
    failures     integer       NOT NULL,
    last_error   varchar(1000),
    PRIMARY KEY (consumer, aggregate_id)
);
CREATE INDEX delivery_holds_event_idx ON delivery_holds (event_id);
