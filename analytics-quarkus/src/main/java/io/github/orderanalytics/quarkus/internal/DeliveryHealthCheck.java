package io.github.orderanalytics.quarkus.internal;

import io.github.orderanalytics.posthog.DeliveryHealth;
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
        // Without a key the client sends nothing, and that is not a failure: up, saying so.
        DeliveryHealth delivery = DeliveryHealth.of(client, downAfter, Instant.now());
        HealthCheckResponseBuilder health =
                HealthCheckResponse.named("order-analytics").status(!delivery.down());
        delivery.details().forEach((key, value) -> {
            if (value instanceof Long count) {
                health.withData(key, count);
            } else if (value instanceof Boolean flag) {
                health.withData(key, flag);
            } else {
                health.withData(key, value.toString());
            }
        });
        return health.build();
    }
}
