-- order.created v2 and payment.charged v2: an order is priced in a currency, and may name where it goes.
-- Every order and payment before this was in euros (the upcasters say the same of v1 events).
-- The defaults stay: a node still running the code before this (a rolling upgrade) inserts without a currency.
ALTER TABLE orders ADD COLUMN currency char(3) NOT NULL DEFAULT 'EUR';
ALTER TABLE orders ADD COLUMN shipping_name        varchar(100);
ALTER TABLE orders ADD COLUMN shipping_street      varchar(200);
ALTER TABLE orders ADD COLUMN shipping_postal_code varchar(20);
ALTER TABLE orders ADD COLUMN shipping_city        varchar(100);
ALTER TABLE orders ADD COLUMN shipping_country     char(2);
-- An address is whole or absent (orders placed without one, and all orders before this). NOT VALID: every existing
-- row has just got five NULLs, so scanning them under the lock the columns took would only block the intake.
ALTER TABLE orders ADD CONSTRAINT orders_shipping_address_whole CHECK (
    (shipping_name IS NULL AND shipping_street IS NULL AND shipping_postal_code IS NULL AND shipping_city IS NULL
        AND shipping_country IS NULL)
    OR (shipping_name IS NOT NULL AND shipping_street IS NOT NULL AND shipping_postal_code IS NOT NULL
        AND shipping_city IS NOT NULL AND shipping_country IS NOT NULL)) NOT VALID;

ALTER TABLE payments ADD COLUMN currency char(3) NOT NULL DEFAULT 'EUR';
