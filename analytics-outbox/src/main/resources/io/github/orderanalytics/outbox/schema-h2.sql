-- order-analytics outbox table for H2 (2.x). Copy it into a Flyway or Liquibase migration as it
-- is; the relay checks at start that these columns exist. Comments: see schema-postgresql.sql.
CREATE TABLE IF NOT EXISTS order_analytics_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_uuid      UUID NOT NULL,
    event_time      TIMESTAMP WITH TIME ZONE NOT NULL,
    payload         CHARACTER VARYING(1048576) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INTEGER DEFAULT 0 NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by      CHARACTER VARYING(200),
    claimed_until   TIMESTAMP WITH TIME ZONE,
    last_error      CHARACTER VARYING(500),
    dead_at         TIMESTAMP WITH TIME ZONE,
    dead_reason     CHARACTER VARYING(500)
);

CREATE INDEX IF NOT EXISTS order_analytics_outbox_due ON order_analytics_outbox (next_attempt_at, id);

CREATE INDEX IF NOT EXISTS order_analytics_outbox_dead ON order_analytics_outbox (dead_at, id);
