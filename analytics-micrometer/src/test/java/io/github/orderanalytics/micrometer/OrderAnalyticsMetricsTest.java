package io.github.orderanalytics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.DropReason;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakeResponse;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters read a real client's numbers, delivering over HTTP to FakePostHog. */
class OrderAnalyticsMetricsTest {
    private final FakePostHog posthog = FakePostHog.start();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        posthog.close();
    }

    private static Order order(String id) {
        return Order.builder(id, Money.of("49.99", "EUR")).build();
    }

    /** Events of every kind with this outcome and reason. */
    private double events(String outcome, String reason) {
        return registry
                .get("order.analytics.events")
                .tags("outcome", outcome, "reason", reason)
                .functionCounters()
                .stream()
                .mapToDouble(FunctionCounter::count)
                .sum();
    }

    private double events(String event, String outcome, String reason) {
        return registry.get("order.analytics.events")
                .tags("event", event, "outcome", outcome, "reason", reason)
                .functionCounter()
                .count();
    }

    @Test
    void eachKindOfEventIsCountedApart() {
        try (PostHogOrderAnalytics analytics =
                PostHogOrderAnalytics.create(posthog.clientConfig().build())) {
            new OrderAnalyticsMetrics(analytics).bindTo(registry);

            analytics.orderPlaced(order("ord_1"), Identity.customer("cus_42"));
            analytics.orderRefunded(
                    Refund.builder("ord_1", "re_1", Money.of("10.00", "EUR")).build(), Identity.customer("cus_42"));
            analytics.orderRefunded(
                    Refund.builder("ord_1", "re_2", Money.of("5.00", "EUR")).build(), Identity.customer("cus_42"));
            analytics.orderCancelled(Cancellation.builder("ord_2").build(), Identity.customer("cus_42"));
            assertThat(analytics.flush(Duration.ofSeconds(10))).isTrue();

            assertThat(events("order_placed", "delivered", "none")).isEqualTo(1);
            assertThat(events("order_refunded", "accepted", "none")).isEqualTo(2);
            assertThat(events("order_refunded", "delivered", "none")).isEqualTo(2);
            assertThat(events("order_cancelled", "delivered", "none")).isEqualTo(1);
            assertThat(events("delivered", "none")).isEqualTo(4);
        }
    }

    @Test
    void countsAcceptedDeliveredAndRetried() {
        posthog.enqueue(FakeResponse.status(503)); // one retry, then delivered
        try (PostHogOrderAnalytics analytics =
                PostHogOrderAnalytics.create(posthog.clientConfig().build())) {
            new OrderAnalyticsMetrics(analytics, Tags.of("client", "checkout")).bindTo(registry);

            analytics.orderPlaced(order("ord_1"), Identity.customer("cus_42"));
            analytics.orderPlaced(order("ord_2"), Identity.customer("cus_42"));
            assertThat(analytics.flush(Duration.ofSeconds(10))).isTrue();

            assertThat(events("accepted", "none")).isEqualTo(2);
            assertThat(events("delivered", "none")).isEqualTo(2);
            assertThat(events("dropped", "rejected")).isZero();
            assertThat(registry.get("order.analytics.requests.retried")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("order.analytics.queue.depth")
                            .tag("client", "checkout")
                            .gauge()
                            .value())
                    .isZero();
        }
    }

    @Test
    void metersOutliveABinderNobodyKeeps() {
        PostHogOrderAnalytics disabled =
                PostHogOrderAnalytics.create(PostHogConfig.builder().build());
        new OrderAnalyticsMetrics(disabled).bindTo(registry); // as the class's javadoc shows it

        for (int i = 0; i < 3; i++) {
            System.gc(); // a full collection clears whatever only weak references hold
        }
        disabled.orderPlaced(order("ord_1"), Identity.customer("cus_42"));

        assertThat(events("accepted", "none")).isEqualTo(1);
        assertThat(events("dropped", "disabled")).isEqualTo(1);
        assertThat(disabled).isNotNull(); // keeps the client itself reachable up to here
    }

    @Test
    void countsDropsByReason() {
        PostHogOrderAnalytics disabled =
                PostHogOrderAnalytics.create(PostHogConfig.builder().build());
        new OrderAnalyticsMetrics(disabled).bindTo(registry);

        disabled.orderPlaced(order("ord_1"), Identity.customer("cus_42"));
        disabled.orderPlaced(order("ord_2"), Identity.customer("cus_42"));

        assertThat(events("accepted", "none")).isEqualTo(2);
        assertThat(events("dropped", "disabled")).isEqualTo(2);
        assertThat(events("dropped", "queue_full")).isZero();
        assertThat(registry.get("order.analytics.events")
                        .tag("outcome", "dropped")
                        .functionCounters())
                .hasSize(DropReason.values().length * OrderEvent.Kind.values().length); // every reason, every kind
    }

    @Test
    void theQueueDepthShowsWhatWaits() {
        posthog.respondByDefault(FakeResponse.ok().delayedBy(Duration.ofSeconds(30))); // PostHog hangs
        try (PostHogOrderAnalytics analytics = PostHogOrderAnalytics.create(
                posthog.clientConfig().shutdownTimeout(Duration.ofMillis(200)).build())) {
            new OrderAnalyticsMetrics(analytics).bindTo(registry);

            analytics.orderPlaced(order("ord_1"), Identity.customer("cus_42"));
            analytics.orderPlaced(order("ord_2"), Identity.customer("cus_42"));

            assertThat(registry.get("order.analytics.queue.depth").gauge().value())
                    .isEqualTo(2);
        }
    }
}
