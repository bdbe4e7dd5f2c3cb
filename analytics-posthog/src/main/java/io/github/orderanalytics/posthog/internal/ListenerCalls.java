package io.github.orderanalytics.posthog.internal;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.DeliveryListener;
import io.github.orderanalytics.posthog.DropReason;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the user's {@link DeliveryListener}, if any, so that its failures never reach delivery. */
final class ListenerCalls {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");

    private final DeliveryListener listener;
    private final RateLimitedLog failures = new RateLimitedLog(10, TimeUnit.SECONDS);

    ListenerCalls(DeliveryListener listener) {
        this.listener = listener;
    }

    /** {@code uuid} may be null for an event not mapped yet; it is then derived, only if a listener needs it. */
    void delivered(Order order, Identity identity, UUID uuid) {
        if (listener != null) {
            try {
                listener.onDelivered(
                        order, identity, uuid != null ? uuid : PostHogEventMapper.orderPlacedUuid(order.orderId()));
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    void dropped(Order order, Identity identity, UUID uuid, DropReason reason) {
        if (listener != null) {
            try {
                listener.onDropped(
                        order,
                        identity,
                        uuid != null ? uuid : PostHogEventMapper.orderPlacedUuid(order.orderId()),
                        reason);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    private void failed(RuntimeException e) {
        long count = failures.record(1);
        if (count > 0) {
            log.warn("order-analytics DeliveryListener threw {} time(s); ignored. Latest:", count, e);
        }
    }
}
