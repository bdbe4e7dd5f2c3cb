-- order-analytics outbox table for MySQL (8.0 or later) and MariaDB (10.6 or later). Copy it into a
-- Flyway or Liquibase migration as it is; the relay checks at start that these columns exist. Running it
-- again changes nothing. The index is declared in the table, as MySQL has no CREATE INDEX IF NOT EXISTS.
-- Times are DATETIME(6) in UTC, written and read as UTC by the outbox whatever the session's time zone:
-- TIMESTAMP would convert through the session's zone and ends in 2038.
CREATE TABLE IF NOT EXISTS order_analytics_outbox (
    id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    -- The event's uuid, derived from the order id: PostHog collapses a redelivered event by it.
    event_uuid      CHAR(36) CHARACTER SET ascii NOT NULL,
    -- When the order was placed: decides historical_migration.
    event_time      DATETIME(6) NOT NULL,
    -- The event object exactly as it is sent; MEDIUMTEXT holds 16 MB, TEXT only 64 KB.
    payload         MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    -- Delivery attempts so far (claims, counting those of relays that died).
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6) NOT NULL,
    -- Which relay holds the row, until when; another relay may take it after that.
    claimed_by      VARCHAR(200) CHARACTER SET ascii,
    claimed_until   DATETIME(6),
    last_error      VARCHAR(500) CHARACTER SET utf8mb4,
    -- Set when PostHog refused the event for good: kept for inspection, never sent again.
    dead_at         DATETIME(6),
    dead_reason     VARCHAR(500) CHARACTER SET utf8mb4,
    -- The claim walks this index in order: live rows (dead_at IS NULL), longest due first. Without
    -- partial indexes one index serves the dead rows' listing and purge too (dead_at first).
    INDEX order_analytics_outbox_due (dead_at, next_attempt_at, id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4;
