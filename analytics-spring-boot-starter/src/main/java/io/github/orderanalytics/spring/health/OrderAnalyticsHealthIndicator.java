package io.github.orderanalytics.spring.health;

import io.github.orderanalytics.posthog.DeliveryStats;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Delivery trouble as Actuator health. {@code DOWN} once every request has failed for longer than
 * {@code downAfter} (PostHog down, a wrong host or key), {@code UP} otherwise, with the last error
 * and how long ago PostHog last acknowledged a request; {@code UNKNOWN} when the client is disabled
 * for want of an API key. Reads counters only: never a network call.
 *
 * <p>Orders keep flowing into the queue while this says {@code DOWN}, and checkout is unaffected,
 * so this belongs on dashboards and alerts, never in a liveness or readiness probe.
 *
 * @since 0.1.0
 */
public final class OrderAnalyticsHealthIndicator implements HealthIndicator {
    private final PostHogOrderAnalytics client;
    private final Duration downAfter;
    private final Clock clock;

    public OrderAnalyticsHealthIndicator(PostHogOrderAnalytics client, Duration downAfter) {
        this(client, downAfter, Clock.systemUTC());
    }

    OrderAnalyticsHealthIndicator(PostHogOrderAnalytics client, Duration downAfter, Clock clock) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.downAfter = Objects.requireNonNull(downAfter, "downAfter == null");
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (!client.isEnabled()) {
            return Health.unknown()
                    .withDetail("enabled", false)
                    .withDetail("reason", "no PostHog API key is configured")
                    .build();
        }
        DeliveryStats stats = client.stats();
        Instant now = clock.instant();
        boolean down = stats.failingSince()
                .map(since -> Duration.between(since, now).compareTo(downAfter) > 0)
                .orElse(false);
        Health.Builder health = down ? Health.down() : Health.up();
        health.withDetail("host", client.config().host().toString())
                .withDetail("accepted", stats.accepted())
                .withDetail("delivered", stats.delivered())
                .withDetail("dropped", stats.droppedTotal())
                .withDetail("queueDepth", stats.queueDepth());
        stats.lastError().ifPresent(error -> health.withDetail("lastError", error));
        stats.failingSince().ifPresent(since -> health.withDetail("failingFor", between(since, now)));
        stats.lastDeliveredAt().ifPresent(at -> health.withDetail("sinceLastDelivery", between(at, now)));
        return health.build();
    }

    private static String between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return (d.isNegative() ? Duration.ZERO : d).withNanos(0).toString();
    }
}
