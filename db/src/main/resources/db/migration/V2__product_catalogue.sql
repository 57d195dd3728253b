-- A small catalogue with stock, so a fresh system can take orders at once.
INSERT INTO products (sku, name, unit_price, stock_on_hand) VALUES
    ('WB-MUG-01',    'Waybill mug',                 12.50,  500),
    ('WB-TEE-M',     'Waybill T-shirt, size M',     24.00,  300),
    ('WB-TEE-L',     'Waybill T-shirt, size L',     24.00,  300),
    ('WB-CAP-01',    'Waybill cap',                 18.00,  200),
    ('WB-BOTTLE-01', 'Steel bottle, 750 ml',        29.90,  150),
    ('WB-NOTE-A5',   'Notebook A5, dotted',          9.90, 1000),
    ('WB-PEN-BLK',   'Gel pen, black',               2.40, 5000),
    ('WB-BAG-01',    'Canvas tote bag',             15.00,  250),
    ('WB-LAMP-01',   'Desk lamp (limited edition)', 89.00,    5),
    ('WB-POSTER-01', 'Route map poster',            19.00,    0);
