package io.github.orderanalytics.testkit;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import io.github.orderanalytics.posthog.reconcile.ExpectedEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A year of a large shop's order events, made from their index alone, so that the expected side (in
 * the reconciling JVM) and the stored side (in FakePostHog's) are the same events without either
 * holding the other's: one every 31 seconds, every tenth an order of 10.00 EUR, the rest cancellations.
 */
final class ScaleEvents {
    private ScaleEvents() {}

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration STEP = Duration.ofSeconds(31);

    static Instant time(long i) {
        return START.plus(STEP.multipliedBy(i));
    }

    /** The index of the first event at or after {@code t}. */
    static long firstAtOrAfter(Instant t) {
        if (!t.isAfter(START)) {
            return 0;
        }
        long seconds = Duration.between(START, t).toNanos();
        long step = STEP.toNanos();
        return (seconds + step - 1) / step;
    }

    static ExpectedEvent expected(long i) {
        OrderEvent event = i % 10 == 0
                ? Order.builder("o" + i, Money.of("10.00", "EUR"))
                        .placedAt(time(i))
                        .build()
                : Cancellation.builder("o" + i).cancelledAt(time(i)).build();
        return ExpectedEvent.of(event, Identity.customer("c" + i % 1000));
    }

    static PostHogEvent stored(long i) {
        if (i % 10 == 0) {
            BigDecimal ten = new BigDecimal("10.00");
            return new PostHogEvent(
                    "order_placed",
                    "c" + i % 1000,
                    PostHogEventMapper.orderPlacedUuid("o" + i),
                    time(i),
                    Map.of("order_id", "o" + i, "total", ten, "revenue", ten, "currency", "EUR"));
        }
        return new PostHogEvent(
                "order_cancelled",
                "c" + i % 1000,
                PostHogEventMapper.orderCancelledUuid("o" + i),
                time(i),
                Map.of("order_id", "o" + i));
    }
}
