package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogEvent;
import org.assertj.core.api.Assertions;

/**
 * Entry point for assertions on order events, alongside all of AssertJ's.
 *
 * <pre>{@code
 * import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
 *
 * assertThat(recording).hasPlacedOrder("ord_1001").hasDistinctId("cus_42").hasTotal("49.99", "EUR");
 * assertThat(fakePostHog).receivedOrder("ord_1001").isPersonless();
 * }</pre>
 *
 * @since 0.1.0
 */
public class OrderAnalyticsAssertions extends Assertions {
    protected OrderAnalyticsAssertions() {}

    public static RecordingOrderAnalyticsAssert assertThat(RecordingOrderAnalytics actual) {
        return new RecordingOrderAnalyticsAssert(actual);
    }

    public static FakePostHogAssert assertThat(FakePostHog actual) {
        return new FakePostHogAssert(actual);
    }

    public static PostHogEventAssert assertThat(PostHogEvent actual) {
        return new PostHogEventAssert(actual);
    }
}
