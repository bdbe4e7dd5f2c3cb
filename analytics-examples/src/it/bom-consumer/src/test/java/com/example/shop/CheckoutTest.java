package com.example.shop;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;

import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckoutTest {

    @Test
    void reportsThePlacedOrder() {
        RecordingOrderAnalytics analytics = RecordingOrderAnalytics.create();

        new Checkout(analytics).place("cus_7");

        assertThat(analytics).hasPlacedOrder("ord_42").hasDistinctId("cus_7").hasTotal("19.90", "EUR");
    }

    @Test
    void deliversOverHttp() {
        try (FakePostHog posthog = FakePostHog.start();
                PostHogOrderAnalytics analytics =
                        PostHogOrderAnalytics.create(posthog.clientConfig().build())) {
            new Checkout(analytics).place("cus_7");

            posthog.awaitEvents(1, Duration.ofSeconds(10));
            assertThat(posthog).receivedOrder("ord_42").hasDistinctId("cus_7").hasRevenue("19.90", "EUR");
        }
    }
}
