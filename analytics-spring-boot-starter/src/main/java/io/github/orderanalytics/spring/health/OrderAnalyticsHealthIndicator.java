package io.github.orderanalytics.spring.health;

import io.github.orderanalytics.posthog.DeliveryHealth;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import java.time.Clock;
import java.time.Duration;
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
        DeliveryHealth delivery = DeliveryHealth.of(client, downAfter, clock.instant());
        Health.Builder health = !delivery.enabled() ? Health.unknown() : delivery.down() ? Health.down() : Health.up();
        return health.withDetails(delivery.details()).build();
    }
}
