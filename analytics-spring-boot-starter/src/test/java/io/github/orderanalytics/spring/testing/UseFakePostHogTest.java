package io.github.orderanalytics.spring.testing;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.spring.UseFakePostHog;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The real client, pointed at FakePostHog by one annotation, over the host and key the application
 * configured. Each test asserts it received only its own order: the fake is reset in between.
 */
@SpringBootTest(
        classes = TestApplication.class,
        properties = {
            "order-analytics.posthog.api-key=phc_the_applications_own",
            "order-analytics.posthog.host=https://eu.i.posthog.com",
            "order-analytics.posthog.profile=development"
        })
@UseFakePostHog
class UseFakePostHogTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    OrderAnalytics analytics;

    @Autowired
    FakePostHog posthog;

    @Test
    void oneOrderReachesTheFake() {
        analytics.orderPlaced(order("ord_a"), Identity.customer("c"));

        posthog.awaitEvents(1, WAIT);
        assertThat(posthog).receivedOnly("ord_a").hasNoViolations();
    }

    @Test
    void anotherTestSeesOnlyItsOwn() {
        analytics.orderPlaced(order("ord_b"), Identity.customer("c"));

        posthog.awaitEvents(1, WAIT);
        assertThat(posthog).receivedOnly("ord_b").hasNoViolations();
    }

    private static Order order(String id) {
        return Order.builder(id, Money.of("7.00", "EUR")).build();
    }
}
