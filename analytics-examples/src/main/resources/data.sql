INSERT INTO product (sku, name, unit_price, in_stock) VALUES ('MUG-01', 'Mug', 12.50, 100);
INSERT INTO product (sku, name, unit_price, in_stock) VALUES ('TEE-02', 'T-shirt', 24.99, 100);
INSERT INTO product (sku, name, unit_price, in_stock) VALUES ('CAP-03', 'Cap', 19.00, 1);
