package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what a {@link RecordingOrderAnalytics} recorded; failures list every recorded event.
 *
 * @since 0.1.0
 */
public final class RecordingOrderAnalyticsAssert
        extends AbstractAssert<RecordingOrderAnalyticsAssert, RecordingOrderAnalytics> {

    RecordingOrderAnalyticsAssert(RecordingOrderAnalytics actual) {
        super(actual, RecordingOrderAnalyticsAssert.class);
    }

    /** Finds the one event for {@code orderId}, for further assertions on it. */
    public PostHogEventAssert hasPlacedOrder(String orderId) {
        isNotNull();
        return new PostHogEventAssert(Find.oneOrder(events(), orderId, "recorded"));
    }

    /** Checks that exactly {@code count} events were recorded. */
    public RecordingOrderAnalyticsAssert hasEventCount(int count) {
        isNotNull();
        List<PostHogEvent> events = events();
        if (events.size() != count) {
            failWithMessage(
                    "Expected %d recorded order event(s) but found %d: %s",
                    count, events.size(), Describe.postHogEvents(events));
        }
        return this;
    }

    /** Checks that exactly these orders were placed, one event each, in any order: no other events. */
    public RecordingOrderAnalyticsAssert hasPlacedOnly(String... orderIds) {
        isNotNull();
        Find.exactly(events(), List.of(orderIds), "recorded");
        return this;
    }

    public RecordingOrderAnalyticsAssert hasNoEvents() {
        return hasEventCount(0);
    }

    private List<PostHogEvent> events() {
        return actual.events().stream().map(RecordedOrderEvent::event).collect(Collectors.toList());
    }
}
