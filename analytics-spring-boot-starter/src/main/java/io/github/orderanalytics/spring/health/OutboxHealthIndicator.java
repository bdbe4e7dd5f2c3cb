package io.github.orderanalytics.spring.health;

import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.outbox.OutboxStats;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The outbox as Actuator health: {@code DOWN} when the oldest waiting row is older than
 * {@code maxPendingAge} (delivery is stuck: PostHog down, or no relay running) or the table cannot
 * be read; {@code UP} otherwise, with the pending and dead counts. Like the client's contributor, it
 * belongs on dashboards and alerts, never in a liveness or readiness probe: orders keep committing
 * while it says {@code DOWN}.
 *
 * @since 0.1.0
 */
public final class OutboxHealthIndicator implements HealthIndicator {
    private final OutboxRelay relay;
    private final Duration maxPendingAge;

    public OutboxHealthIndicator(OutboxRelay relay, Duration maxPendingAge) {
        this.relay = Objects.requireNonNull(relay, "relay == null");
        this.maxPendingAge = Objects.requireNonNull(maxPendingAge, "maxPendingAge == null");
    }

    @Override
    public Health health() {
        OutboxStats stats;
        try {
            stats = relay.stats();
        } catch (SQLException e) {
            return Health.down()
                    .withDetail("error", "the outbox table cannot be read: " + e.getMessage())
                    .build();
        }
        boolean stuck = stats.oldestPendingAge()
                .map(age -> age.compareTo(maxPendingAge) > 0)
                .orElse(false);
        Health.Builder health = stuck ? Health.down() : Health.up();
        health.withDetail("pending", stats.pending()).withDetail("dead", stats.dead());
        stats.oldestPendingAge()
                .ifPresent(age ->
                        health.withDetail("oldestPendingAge", age.withNanos(0).toString()));
        return health.withDetail("maxPendingAge", maxPendingAge.toString()).build();
    }
}
