CREATE TABLE product (
    sku        VARCHAR(64) PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    unit_price DECIMAL(12, 2) NOT NULL,
    in_stock   INT NOT NULL CHECK (in_stock >= 0)
);

CREATE TABLE orders (
    id          VARCHAR(64) PRIMARY KEY,
    customer_id VARCHAR(64),
    guest_email VARCHAR(254),
    total       DECIMAL(12, 2) NOT NULL,
    currency    CHAR(3) NOT NULL,
    placed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    cancelled_at TIMESTAMP WITH TIME ZONE,
    -- The browser's PostHog distinct id at checkout, if it sent one: a refund or cancellation reported
    -- later, without the browser, goes under it, so it meets the order in PostHog (same person).
    browser_distinct_id VARCHAR(200)
);

CREATE TABLE order_line (
    order_id   VARCHAR(64) NOT NULL REFERENCES orders (id),
    sku        VARCHAR(64) NOT NULL REFERENCES product (sku),
    quantity   INT NOT NULL,
    unit_price DECIMAL(12, 2) NOT NULL,
    PRIMARY KEY (order_id, sku)
);
