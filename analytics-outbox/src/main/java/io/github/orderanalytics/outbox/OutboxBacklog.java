package io.github.orderanalytics.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox table as every instance sees it, relay or not: what waits to be delivered, how long the
 * oldest of it has waited, and the dead rows.
 *
 * @param pending rows waiting to be delivered
 * @param oldestPendingAge how long the oldest of them has waited; empty when none waits
 * @param dead rows PostHog refused for good, kept with their reason
 * @since 0.1.0
 */
public record OutboxBacklog(long pending, Optional<Duration> oldestPendingAge, long dead) {
    public OutboxBacklog {
        Objects.requireNonNull(oldestPendingAge, "oldestPendingAge == null");
    }
}
