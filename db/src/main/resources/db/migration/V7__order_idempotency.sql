-- Idempotent order placement: a client that retries a request (its answer was lost to a crash or a timeout) sends
-- the same Idempotency-Key and gets the order it placed the first time instead of a second one. Keys are scoped to
-- the customer, so customers cannot collide with or probe each other's keys.
ALTER TABLE orders ADD COLUMN idempotency_key varchar(100);
CREATE UNIQUE INDEX orders_idempotency_idx ON orders (customer_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
