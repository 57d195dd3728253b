-- Inventory remembers every order it released, whether or not it held stock for it: an order.created that reaches
-- inventory after the order's undo (a message sent from outside the relay, which is not ordered) must not reserve
-- stock for a cancelled order.
CREATE TABLE stock_releases (
    order_id    uuid         PRIMARY KEY,
    released_at timestamptz  NOT NULL,
    cause       varchar(100) NOT NULL
);
