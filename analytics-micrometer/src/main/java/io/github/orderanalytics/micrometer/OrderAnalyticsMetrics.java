package io.github.orderanalytics.micrometer;

import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.DeliveryStats;
import io.github.orderanalytics.posthog.DropReason;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Publishes what an order-analytics client did with its events to Micrometer.
 *
 * <pre>{@code
 * PostHogOrderAnalytics analytics = PostHogOrderAnalytics.create(config);
 * new OrderAnalyticsMetrics(analytics).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>Meters, all read from {@link PostHogOrderAnalytics#stats()} when the registry asks:
 *
 * <ul>
 *   <li>{@code order.analytics.events} (counter): tag {@code event} = {@code order_placed},
 *       {@code order_refunded} or {@code order_cancelled}; tag {@code outcome} = {@code accepted},
 *       {@code delivered} or {@code dropped}; and tag {@code reason}: the {@link DropReason} in lower
 *       case for dropped events ({@code queue_full}, {@code retries_exhausted}, {@code rejected},
 *       {@code closed}, {@code shutdown_timeout}, {@code disabled}), {@code none} otherwise;
 *   <li>{@code order.analytics.queue.depth} (gauge): events held in memory, waiting, in a request or
 *       waiting for a retry;
 *   <li>{@code order.analytics.requests.retried} (counter): requests sent again after a retryable failure.
 * </ul>
 *
 * <p>Alert on {@code order.analytics.events{outcome="dropped"}} rising: every dropped order is one
 * PostHog will not count. The meters hold the client weakly, as Micrometer's function meters do:
 * they report while the client lives, whether or not the binder is kept.
 *
 * @since 0.1.0
 */
public final class OrderAnalyticsMetrics implements MeterBinder {
    private final PostHogOrderAnalytics analytics;
    private final Iterable<Tag> tags;

    /** Metrics of {@code analytics}, without extra tags. */
    public OrderAnalyticsMetrics(PostHogOrderAnalytics analytics) {
        this(analytics, Tags.empty());
    }

    /** Metrics of {@code analytics}, each meter with {@code tags} added (a client name, say). */
    public OrderAnalyticsMetrics(PostHogOrderAnalytics analytics, Iterable<Tag> tags) {
        this.analytics = Objects.requireNonNull(analytics, "analytics == null");
        this.tags = Objects.requireNonNull(tags, "tags == null");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry == null");
        for (OrderEvent.Kind kind : OrderEvent.Kind.values()) {
            String event = kind.eventName();
            events(registry, event, "accepted", "none", s -> s.of(kind).accepted());
            events(registry, event, "delivered", "none", s -> s.of(kind).delivered());
            for (DropReason reason : DropReason.values()) {
                events(
                        registry,
                        event,
                        "dropped",
                        reason.name().toLowerCase(Locale.ROOT),
                        s -> s.of(kind).dropped(reason));
            }
        }
        // Every meter refers to the client itself, weakly as Micrometer does: they live as long as
        // the client, whether or not anybody keeps this binder.
        Gauge.builder("order.analytics.queue.depth", analytics, a -> a.stats().queueDepth())
                .description("Order events held in memory: waiting, in a request, or waiting for a retry")
                .baseUnit("events")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder(
                        "order.analytics.requests.retried",
                        analytics,
                        a -> a.stats().retriedRequests())
                .description("Requests to PostHog sent again after a retryable failure")
                .baseUnit("requests")
                .tags(tags)
                .register(registry);
    }

    private void events(
            MeterRegistry registry,
            String event,
            String outcome,
            String reason,
            ToDoubleFunction<DeliveryStats> count) {
        FunctionCounter.builder("order.analytics.events", analytics, a -> count.applyAsDouble(a.stats()))
                .description(
                        "Order events by kind and outcome: accepted by the client, delivered to PostHog, or dropped")
                .baseUnit("events")
                .tags(tags)
                .tags("event", event, "outcome", outcome, "reason", reason)
                .register(registry);
    }
}
