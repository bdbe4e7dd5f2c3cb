package io.github.orderanalytics.posthog;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakePostHogExtension;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One fake per class, reset between tests, and a client per test that is closed after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakePostHogExtensionTest {
    @RegisterExtension
    static final FakePostHogExtension posthog = new FakePostHogExtension(c -> c.flushAt(1));

    private static PostHogOrderAnalytics firstClient;

    @Test
    @Order(1)
    void handsOutAClientPointedAtTheFake(PostHogOrderAnalytics analytics, FakePostHog fake) {
        analytics.orderPlaced(Orders.order("ord_1"), Identity.customer("cus_1"));

        fake.awaitEvents(1, Duration.ofSeconds(10));
        assertThat(fake).receivedOnly("ord_1");
        firstClient = analytics;
    }

    @Test
    @Order(2)
    void resetsTheFakeAndClosedTheLastClient(PostHogOrderAnalytics analytics, FakePostHog fake) {
        assertThat(fake.requests()).isEmpty();
        assertThat(analytics).isNotSameAs(firstClient);
        firstClient.orderPlaced(Orders.order("ord_late"), Identity.customer("c"));
        assertThat(firstClient.stats().dropped(DropReason.CLOSED)).isEqualTo(1);
    }
}
