package io.github.orderanalytics.testkit;

import io.github.orderanalytics.OrderEvent;
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

    /** Finds the one {@code order_placed} event for {@code orderId}, for further assertions on it. */
    public PostHogEventAssert hasPlacedOrder(String orderId) {
        isNotNull();
        return new PostHogEventAssert(Find.one(events(), OrderEvent.Kind.PLACED, orderId, null, "recorded"));
    }

    /** Finds the one {@code order_refunded} event of refund {@code refundId} of {@code orderId}. */
    public PostHogEventAssert hasRefunded(String orderId, String refundId) {
        isNotNull();
        return new PostHogEventAssert(Find.one(events(), OrderEvent.Kind.REFUNDED, orderId, refundId, "recorded"));
    }

    /** Finds the one {@code order_cancelled} event for {@code orderId}. */
    public PostHogEventAssert hasCancelled(String orderId) {
        isNotNull();
        return new PostHogEventAssert(Find.one(events(), OrderEvent.Kind.CANCELLED, orderId, null, "recorded"));
    }

    /** Checks that exactly {@code count} events of any kind were recorded. */
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

    /**
     * Checks that exactly these orders were placed, one {@code order_placed} event each, in any order:
     * no other order placed. Refunds and cancellations are checked with {@link #hasRefunded} and
     * {@link #hasCancelled}, and all events together with {@link #hasEventCount}.
     */
    public RecordingOrderAnalyticsAssert hasPlacedOnly(String... orderIds) {
        isNotNull();
        Find.exactlyPlaced(events(), List.of(orderIds), "recorded");
        return this;
    }

    public RecordingOrderAnalyticsAssert hasNoEvents() {
        return hasEventCount(0);
    }

    private List<PostHogEvent> events() {
        return actual.events().stream().map(RecordedOrderEvent::event).collect(Collectors.toList());
    }
}
