-- Payment credentials leave the events: order.created went to every subscriber and into the replayable history with
-- the card token in it. From now on the token waits for the payment step in a table of the payment area, written in
-- the transaction that places the order.
CREATE TABLE payment_credentials (
    order_id      uuid         PRIMARY KEY,
    payment_token varchar(100) NOT NULL,
    held_at       timestamptz  NOT NULL
);

-- Orders placed before this migration whose payment step has not run yet get their credential held here, so the
-- order.created messages already on their way (which still carry the token, now ignored) find it.
INSERT INTO payment_credentials (order_id, payment_token, held_at)
SELECT o.id, o.payment_token, now()
FROM orders o
WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id);

-- And no stored event keeps a credential: replays re-publish these payloads.
UPDATE outbox SET payload = payload - 'paymentToken'
WHERE event_type = 'order.created' AND payload ->> 'paymentToken' IS NOT NULL;
UPDATE event_log SET payload = payload - 'paymentToken'
WHERE event_type = 'order.created' AND payload ->> 'paymentToken' IS NOT NULL;

-- A receipt that can never be sent (invalid address, refused for good by the mail server) fails with its reason.
ALTER TABLE notifications ADD COLUMN failure_reason varchar(1000);
