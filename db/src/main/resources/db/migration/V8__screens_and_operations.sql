-- The order list (screens and GET /api/orders) filters by status and customer and sorts by time.
CREATE INDEX orders_placed_idx ON orders (placed_at);
CREATE INDEX orders_status_idx ON orders (status, placed_at);

-- What each workflow step did, per node and 10-second bucket: how many events it processed, how many attempts failed
-- (and were retried), and how long processing took. The operations dashboard sums the nodes.
CREATE TABLE step_statistics (
    bucket       timestamptz  NOT NULL,
    node         varchar(100) NOT NULL,
    consumer     varchar(50)  NOT NULL,
    processed    integer      NOT NULL,
    failed       integer      NOT NULL,
    total_micros bigint       NOT NULL,
    max_micros   bigint       NOT NULL,
    PRIMARY KEY (bucket, node, consumer)
);
