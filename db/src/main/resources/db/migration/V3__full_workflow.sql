-- The whole workflow: payment, shipping, notification, compensation.

-- Outbox rows can go to a queue as well as to the event topic (the e-mail work queue).
ALTER TABLE outbox ADD COLUMN destination varchar(100) NOT NULL DEFAULT 'waybill.events';

-- Ordering: the steps whose undo it still waits for while an order is CANCELLING (e.g. 'inventory,payment').
ALTER TABLE orders ADD COLUMN pending_compensations varchar(200);
ALTER TABLE orders ADD COLUMN payment_token varchar(100) NOT NULL DEFAULT 'tok_sandbox';

-- Inventory: a reservation is held until released by a compensation.
ALTER TABLE stock_reservations ADD COLUMN released_at timestamptz;

-- Payment: one row per order, from order.created on.
CREATE TABLE payments (
    order_id      uuid           PRIMARY KEY,
    customer_id   varchar(100)   NOT NULL,
    amount        numeric(12, 2) NOT NULL,
    payment_token varchar(100)   NOT NULL,
    status        varchar(20)    NOT NULL,
    charge_id     varchar(64),
    reason        varchar(500),
    updated_at    timestamptz    NOT NULL
);

-- Shipping: one row per order, from order.created on.
CREATE TABLE shipments (
    order_id        uuid        PRIMARY KEY,
    units           integer     NOT NULL,
    status          varchar(20) NOT NULL,
    carrier         varchar(100),
    ship_date       date,
    tracking_number varchar(64),
    reason          varchar(500),
    updated_at      timestamptz NOT NULL
);

-- Notification: each e-mail the customer gets, once.
CREATE TABLE notifications (
    id         uuid         PRIMARY KEY,
    order_id   uuid         NOT NULL,
    kind       varchar(30)  NOT NULL,
    recipient  varchar(320) NOT NULL,
    subject    varchar(300) NOT NULL,
    body       text         NOT NULL,
    status     varchar(20)  NOT NULL,
    created_at timestamptz  NOT NULL,
    sent_at    timestamptz,
    CONSTRAINT notifications_once_per_kind UNIQUE (order_id, kind)
);
