package com.example.shop;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakePostHogExtension;
import io.github.orderanalytics.testkit.PostHogOrderAnalyticsContract;
import io.github.orderanalytics.testkit.RecordedOrderEvent;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import io.github.orderanalytics.testkit.RecordingOrderAnalyticsExtension;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(RecordingOrderAnalyticsExtension.class)
class CheckoutTest {
    @RegisterExtension
    static final FakePostHogExtension posthog = new FakePostHogExtension();

    @Test
    void reportsThePlacedOrder(RecordingOrderAnalytics analytics) {
        new Checkout(analytics).place("cus_7");

        assertThat(analytics).hasPlacedOnly("ord_42");
        assertThat(analytics).hasPlacedOrder("ord_42").hasDistinctId("cus_7").hasTotal("19.90", "EUR");
    }

    @Test
    void deliversOverHttp(PostHogOrderAnalytics analytics, FakePostHog fake) {
        new Checkout(analytics).place("cus_7");

        fake.awaitEvents(1, Duration.ofSeconds(10));
        assertThat(fake).receivedOnly("ord_42");
    }

    @Nested
    class Contract extends PostHogOrderAnalyticsContract {
        private final RecordingOrderAnalytics recording = RecordingOrderAnalytics.create();

        @Override
        protected OrderAnalytics analytics() {
            return recording;
        }

        @Override
        protected List<PostHogEvent> awaitReported(int count, Duration timeout) {
            return recording.events().stream().map(RecordedOrderEvent::event).collect(Collectors.toList());
        }
    }
}
