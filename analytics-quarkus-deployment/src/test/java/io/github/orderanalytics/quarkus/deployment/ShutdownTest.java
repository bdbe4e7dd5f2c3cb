package io.github.orderanalytics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quarkus closes the client when the application stops, and the close delivers what was queued: an order
 * held by a batch that would wait an hour arrives once the application has stopped.
 */
class ShutdownTest {
    private static final String HOST = "order-analytics.posthog.host";

    /** Outside the application, so that it outlives it: started before it builds, read after it stops. */
    private static FakePostHog posthog;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("order-analytics.posthog.api-key", FakePostHog.API_KEY)
            .overrideConfigKey("order-analytics.posthog.flush-at", "500")
            .overrideConfigKey("order-analytics.posthog.flush-interval", "1h")
            .overrideConfigKey("order-analytics.posthog.shutdown-timeout", "10s")
            .setBeforeAllCustomizer(() -> {
                posthog = FakePostHog.start();
                System.setProperty(HOST, posthog.host());
            })
            .setAfterAllCustomizer(() -> {
                try {
                    assertThat(posthog.awaitEvents(1, Duration.ofSeconds(10)))
                            .extracting(e -> e.properties().get("order_id"))
                            .containsExactly("ord_queued");
                } finally {
                    System.clearProperty(HOST);
                    posthog.close();
                }
            });

    @Inject
    OrderAnalytics analytics;

    @Inject
    PostHogOrderAnalytics client;

    @Test
    void anOrderWaitsInTheQueueWhileTheApplicationRuns() {
        analytics.orderPlaced(
                Order.builder("ord_queued", Money.of("5.00", "EUR")).build(), Identity.customer("cus_1"));

        assertThat(client.stats().queueDepth()).isEqualTo(1);
        assertThat(client.stats().delivered()).isZero();
    }
}
