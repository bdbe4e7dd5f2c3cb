package io.github.orderanalytics.quarkus.internal;

import io.github.orderanalytics.micrometer.OrderAnalyticsMetrics;
import io.github.orderanalytics.micrometer.OutboxMetrics;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * The starter's meters ({@code order.analytics.*}, and {@code order.analytics.outbox.*} with the outbox)
 * on Quarkus's registry. A bean only where the application has quarkus-micrometer.
 */
@Singleton
public class OrderAnalyticsMeters {

    void bind(
            @Observes StartupEvent started,
            MeterRegistry registry,
            PostHogOrderAnalytics client,
            Instance<OutboxSupport> outbox) {
        new OrderAnalyticsMetrics(client).bindTo(registry);
        if (outbox.isResolvable()) {
            OutboxSupport o = outbox.get();
            o.monitor().ifPresent(monitor -> new OutboxMetrics(monitor, o.relay(), Tags.empty()).bindTo(registry));
        }
    }
}
