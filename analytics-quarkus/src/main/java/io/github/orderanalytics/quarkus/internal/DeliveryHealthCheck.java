package io.github.orderanalytics.quarkus.internal;

import io.github.orderanalytics.posthog.DeliveryStats;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.quarkus.OrderAnalyticsConfig;
import io.smallrye.health.api.Wellness;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Delivery to PostHog on {@code /q/health/well}: {@code DOWN} once every request has failed for longer
 * than {@code order-analytics.health.down-after}. Never a readiness or liveness check: orders keep
 * flowing into the queue while PostHog is down, and checkout is unaffected, so no pod should leave
 * service for it. Reads counters only, never a network call.
 */
@Wellness
@Singleton
public class DeliveryHealthCheck implements HealthCheck {
    private final PostHogOrderAnalytics client;
    private final Duration downAfter;

    @Inject
    DeliveryHealthCheck(PostHogOrderAnalytics client, OrderAnalyticsConfig config) {
        this.client = client;
        this.downAfter = config.health().downAfter();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("order-analytics");
        if (!client.isEnabled()) {
            return health.up()
                    .withData("enabled", false)
                    .withData("reason", "no PostHog API key is configured")
                    .build();
        }
        DeliveryStats stats = client.stats();
        Instant now = Instant.now();
        boolean down = stats.failingSince()
                .map(since -> Duration.between(since, now).compareTo(downAfter) > 0)
                .orElse(false);
        health.status(!down)
                .withData("host", client.config().host().toString())
                .withData("accepted", stats.accepted())
                .withData("delivered", stats.delivered())
                .withData("dropped", stats.droppedTotal())
                .withData("queueDepth", stats.queueDepth());
        stats.lastError().ifPresent(error -> health.withData("lastError", error));
        stats.failingSince().ifPresent(since -> health.withData("failingFor", between(since, now)));
        stats.lastDeliveredAt().ifPresent(at -> health.withData("sinceLastDelivery", between(at, now)));
        return health.build();
    }

    private static String between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return (d.isNegative() ? Duration.ZERO : d).withNanos(0).toString();
    }
}
