package io.github.orderanalytics.testkit;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.OrderEventHandler;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory {@link OrderAnalytics} for unit tests: it records each call together with the
 * exact PostHog event production would send.
 *
 * <pre>{@code
 * RecordingOrderAnalytics analytics = RecordingOrderAnalytics.create();
 * new CheckoutService(analytics).placeOrder(cart);
 * assertThat(analytics).hasPlacedOrder("ord_1001")
 *         .hasDistinctId("cus_42")
 *         .hasTotal("49.99", "EUR");
 * assertThat(analytics).hasRefunded("ord_1001", "re_77").hasRevenue("-20.00", "EUR");
 * }</pre>
 *
 * <p>The event is made by {@link PostHogEventMapper}, the class the PostHog client uses, so a test
 * cannot drift from production. Thread-safe.
 *
 * @since 0.1.0
 */
public final class RecordingOrderAnalytics extends OrderEventHandler {
    private final PostHogEventMapper mapper;
    private final List<RecordedOrderEvent> events = new ArrayList<>();

    private RecordingOrderAnalytics(PostHogEventMapper mapper) {
        this.mapper = mapper;
    }

    /** Records with PostHog's default mapping settings (hashed guest ids, geo-IP disabled). */
    public static RecordingOrderAnalytics create() {
        return create(PostHogConfig.builder().build());
    }

    /** Records with the mapping settings of {@code config}, for example a guest-id key. */
    public static RecordingOrderAnalytics create(PostHogConfig config) {
        return new RecordingOrderAnalytics(PostHogEventMapper.create(config));
    }

    @Override
    protected void handle(OrderEvent reported, Identity identity) {
        RecordedOrderEvent recorded = new RecordedOrderEvent(reported, identity, mapper.event(reported, identity));
        synchronized (events) {
            events.add(recorded);
        }
    }

    /** What was recorded so far, oldest first: an immutable snapshot. */
    public List<RecordedOrderEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Forgets everything recorded. */
    public void reset() {
        synchronized (events) {
            events.clear();
        }
    }

    @Override
    public String toString() {
        return "RecordingOrderAnalytics" + Describe.events(events());
    }
}
