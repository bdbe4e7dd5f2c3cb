-- order-analytics outbox table for PostgreSQL (12 or later). Copy it into a Flyway or Liquibase
-- migration as it is; the relay checks at start that these columns exist. Running it again creates
-- only what is missing.
CREATE TABLE IF NOT EXISTS order_analytics_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The event's uuid, derived from the order id: PostHog collapses a redelivered event by it.
    event_uuid      UUID NOT NULL,
    -- When the order was placed: decides historical_migration.
    event_time      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The event object exactly as it is sent. TEXT, not JSONB: JSONB would reorder keys and rewrite numbers.
    payload         TEXT NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Delivery attempts so far (claims, counting those of relays that died).
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Which relay holds the row, until when; another relay may take it after that.
    claimed_by      VARCHAR(200),
    claimed_until   TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(500),
    -- Set when PostHog refused the event for good: kept for inspection, never sent again.
    dead_at         TIMESTAMP WITH TIME ZONE,
    dead_reason     VARCHAR(500)
);

-- The relay's claim walks this index in order: due rows, longest due first.
CREATE INDEX IF NOT EXISTS order_analytics_outbox_due ON order_analytics_outbox (next_attempt_at, id) WHERE dead_at IS NULL;

-- Listing, resubmitting and purging dead rows (OutboxAdmin). Partial: writing an order never touches it.
CREATE INDEX IF NOT EXISTS order_analytics_outbox_dead ON order_analytics_outbox (dead_at, id) WHERE dead_at IS NOT NULL;
