-- The order workflow: catalogue and stock (inventory), orders (ordering), the outbox and the inbox (messaging).

CREATE TABLE products (
    sku            varchar(64)    PRIMARY KEY,
    name           varchar(200)   NOT NULL,
    unit_price     numeric(12, 2) NOT NULL CHECK (unit_price >= 0),
    stock_on_hand  integer        NOT NULL CHECK (stock_on_hand >= 0),
    stock_reserved integer        NOT NULL DEFAULT 0,
    CONSTRAINT products_reserved_within_stock CHECK (stock_reserved BETWEEN 0 AND stock_on_hand)
);

CREATE TABLE orders (
    id            uuid         PRIMARY KEY,
    customer_id   varchar(100) NOT NULL,
    status        varchar(32)  NOT NULL,
    status_reason varchar(1000),
    placed_at     timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL,
    version       bigint       NOT NULL
);
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at);

CREATE TABLE order_lines (
    order_id   uuid           NOT NULL REFERENCES orders (id),
    line_no    integer        NOT NULL,
    sku        varchar(64)    NOT NULL REFERENCES products (sku),
    quantity   integer        NOT NULL CHECK (quantity > 0),
    unit_price numeric(12, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

-- One row per order and SKU while stock is held for the order.
CREATE TABLE stock_reservations (
    order_id    uuid        NOT NULL,
    sku         varchar(64) NOT NULL REFERENCES products (sku),
    quantity    integer     NOT NULL CHECK (quantity > 0),
    reserved_at timestamptz NOT NULL,
    PRIMARY KEY (order_id, sku)
);

-- Transactional outbox and event history: a row is written in the transaction that changes state, and the relay
-- sets published_at once the broker has the message. Rows stay as the event log.
CREATE TABLE outbox (
    id             bigserial    PRIMARY KEY,
    event_id       uuid         NOT NULL UNIQUE,
    event_type     varchar(100) NOT NULL,
    event_version  integer      NOT NULL,
    aggregate_type varchar(50)  NOT NULL,
    aggregate_id   varchar(100) NOT NULL,
    occurred_at    timestamptz  NOT NULL,
    correlation_id varchar(100) NOT NULL,
    causation_id   uuid,
    payload        jsonb        NOT NULL,
    published_at   timestamptz
);
-- The relay's work list, and its per-aggregate ordering check, touch only unpublished rows.
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_unpublished_aggregate_idx ON outbox (aggregate_id, id) WHERE published_at IS NULL;
CREATE INDEX outbox_aggregate_idx ON outbox (aggregate_id, id);

-- Idempotent consumers: an event is processed once per consumer; a redelivered duplicate finds its row here.
CREATE TABLE inbox (
    consumer     varchar(50) NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
