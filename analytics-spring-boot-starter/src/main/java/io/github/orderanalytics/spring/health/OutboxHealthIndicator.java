package io.github.orderanalytics.spring.health;

import io.github.orderanalytics.outbox.OutboxBacklog;
import io.github.orderanalytics.outbox.OutboxMonitor;
import io.github.orderanalytics.outbox.OutboxRelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The outbox as Actuator health: {@code DOWN} when the oldest waiting row is older than
 * {@code maxPendingAge} (delivery is stuck: PostHog down, or no relay running anywhere), when the
 * table cannot be read, or when this instance's relay has stopped; {@code UP} otherwise, with the
 * pending and dead counts. It answers at once from the {@link OutboxMonitor}'s latest reading, never
 * waiting for the database, and never throws. Like the client's contributor, it belongs on
 * dashboards and alerts, never in a liveness or readiness probe: orders keep committing while it
 * says {@code DOWN}.
 *
 * @since 0.1.0
 */
public final class OutboxHealthIndicator implements HealthIndicator {
    private final OutboxMonitor monitor;
    private final Optional<OutboxRelay> relay;
    private final Duration maxPendingAge;
    private final Clock clock;

    /**
     * @param relay this instance's relay; empty where this instance does not relay
     */
    public OutboxHealthIndicator(OutboxMonitor monitor, Optional<OutboxRelay> relay, Duration maxPendingAge) {
        this(monitor, relay, maxPendingAge, Clock.systemUTC());
    }

    OutboxHealthIndicator(OutboxMonitor monitor, Optional<OutboxRelay> relay, Duration maxPendingAge, Clock clock) {
        this.monitor = Objects.requireNonNull(monitor, "monitor == null");
        this.relay = Objects.requireNonNull(relay, "relay == null");
        this.maxPendingAge = Objects.requireNonNull(maxPendingAge, "maxPendingAge == null");
        this.clock = clock;
    }

    @Override
    public Health health() {
        try {
            return check();
        } catch (RuntimeException e) { // a health check says DOWN; it does not fail the endpoint
            return Health.down()
                    .withDetail("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }

    private Health check() {
        OutboxMonitor.Reading reading = monitor.latest();
        Health.Builder health;
        if (reading.backlog().isEmpty()) {
            health = Health.down()
                    .withDetail(
                            "error",
                            "the outbox table cannot be read: "
                                    + reading.failure().orElse("unknown"));
        } else {
            OutboxBacklog backlog = reading.backlog().get();
            boolean stuck = backlog.oldestPendingAge()
                    .map(age -> age.compareTo(maxPendingAge) > 0)
                    .orElse(false);
            health = stuck ? Health.down() : Health.up();
            health.withDetail("pending", backlog.pending()).withDetail("dead", backlog.dead());
            backlog.oldestPendingAge()
                    .ifPresent(age -> health.withDetail(
                            "oldestPendingAge", age.withNanos(0).toString()));
        }
        reading.readAt().ifPresent(at -> health.withDetail("readAgo", since(at)));
        relay.ifPresent(r -> {
            boolean running = r.isRunning();
            health.withDetail("relay", running ? "running" : "stopped");
            r.lastRoundAt().ifPresent(at -> health.withDetail("lastRoundAgo", since(at)));
            if (!running) {
                health.down();
            }
        });
        return health.withDetail("maxPendingAge", maxPendingAge.toString()).build();
    }

    private String since(Instant at) {
        Duration d = Duration.between(at, clock.instant());
        return (d.isNegative() ? Duration.ZERO : d).withNanos(0).toString();
    }
}
