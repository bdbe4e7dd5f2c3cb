package io.github.orderanalytics.testkit;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.util.Objects;

/**
 * The PostHog event production makes of an order event and an identity, for tests that captured
 * the call themselves, with a Mockito {@code ArgumentCaptor} say, and want to check the payload.
 *
 * <pre>{@code
 * ArgumentCaptor<Order> order = ArgumentCaptor.forClass(Order.class);
 * ArgumentCaptor<Identity> identity = ArgumentCaptor.forClass(Identity.class);
 * verify(analytics).orderPlaced(order.capture(), identity.capture());
 *
 * PostHogEvent event = PostHogEvents.of(order.getValue(), identity.getValue());
 * assertThat(event).hasDistinctId("cus_42").hasRevenue("42.00", "EUR");
 * }</pre>
 *
 * <p>The event is made by {@link PostHogEventMapper}, as the client and {@link RecordingOrderAnalytics}
 * make it: the same uuid, timestamp and properties, with the same mapping settings.
 *
 * @since 0.1.0
 */
public final class PostHogEvents {
    private static final PostHogEventMapper DEFAULT =
            PostHogEventMapper.create(PostHogConfig.builder().build());

    private PostHogEvents() {}

    /**
     * With PostHog's default mapping settings, as {@link RecordingOrderAnalytics#create()}.
     *
     * @param reported an {@code Order}, a {@code Refund} or a {@code Cancellation}
     */
    public static PostHogEvent of(OrderEvent reported, Identity identity) {
        return DEFAULT.event(
                Objects.requireNonNull(reported, "reported == null"),
                Objects.requireNonNull(identity, "identity == null"));
    }

    /** With the mapping settings of {@code config} (a guest-id key, linking the browser to a customer). */
    public static PostHogEvent of(OrderEvent reported, Identity identity, PostHogConfig config) {
        Objects.requireNonNull(config, "config == null");
        return PostHogEventMapper.create(config)
                .event(
                        Objects.requireNonNull(reported, "reported == null"),
                        Objects.requireNonNull(identity, "identity == null"));
    }
}
