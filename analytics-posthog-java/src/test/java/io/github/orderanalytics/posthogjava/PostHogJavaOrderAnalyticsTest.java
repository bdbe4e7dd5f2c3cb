package io.github.orderanalytics.posthogjava;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;

import com.posthog.java.PostHog;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakePostHogExtension;
import io.github.orderanalytics.testkit.PostHogOrderAnalyticsContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official posthog-java client, pointed at FakePostHog, delivers the mapped event. */
class PostHogJavaOrderAnalyticsTest {
    @RegisterExtension
    static final FakePostHogExtension posthog = new FakePostHogExtension();

    private PostHog client;

    private OrderAnalytics analytics() {
        client = new PostHog.Builder(FakePostHog.API_KEY)
                .host(posthog.fake().host())
                .build();
        return PostHogJavaOrderAnalytics.create(client);
    }

    @AfterEach
    void shutdown() {
        if (client != null) {
            client.shutdown(); // sends what is queued: posthog-java has no flush
        }
    }

    @Test
    void theOfficialClientDeliversTheMappedEvent() {
        Order order = Order.builder("ord_pj_1", Money.of("49.90", "EUR"))
                .placedAt(Instant.parse("2026-11-27T10:15:30Z"))
                .tax(Money.of("7.99", "EUR"))
                .item(LineItem.builder("prod_7", 2, Money.of("20.95", "EUR"))
                        .name("Mug")
                        .build())
                .build();

        analytics().orderPlaced(order, Identity.guest("jane@example.com"));
        client.shutdown();
        client = null;

        PostHogEvent received =
                posthog.fake().awaitEvents(1, Duration.ofSeconds(10)).get(0);
        PostHogEvent mapped = PostHogEventMapper.create(PostHogConfig.builder().build())
                .orderPlaced(order, Identity.guest("jane@example.com"));
        assertThat(received)
                .hasDistinctId(mapped.distinctId())
                .hasRevenue("41.91", "EUR")
                .hasProduct("prod_7", 2, "20.95")
                .isPersonless();
        // org.json, inside posthog-java, drops trailing zeros: the value is exact, the scale is not.
        assertThat((java.math.BigDecimal) received.properties().get("total")).isEqualByComparingTo("49.90");
        assertThat(received.uuid()).as("posthog-java sets its own random uuid").isNotEqualTo(mapped.uuid());
    }

    /** The compatibility kit, with posthog-java's known limits named and skipped. */
    @Nested
    class Contract extends PostHogOrderAnalyticsContract {
        @Override
        protected OrderAnalytics analytics() {
            return PostHogJavaOrderAnalyticsTest.this.analytics();
        }

        @Override
        protected List<PostHogEvent> awaitReported(int count, Duration timeout) {
            client.shutdown(); // the only way to make posthog-java send now
            client = null;
            return posthog.fake().awaitEvents(count, timeout);
        }

        @Override
        protected Set<Limit> knownLimits() {
            return Set.of(
                    Limit.CALLER_SET_UUID,
                    Limit.CALLER_SET_TIMESTAMP,
                    Limit.SHUTDOWN_WITHOUT_DEADLINE,
                    Limit.AMOUNTS_AT_CURRENCY_SCALE);
        }
    }
}
