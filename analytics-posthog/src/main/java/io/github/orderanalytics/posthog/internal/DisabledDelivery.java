package io.github.orderanalytics.posthog.internal;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.DeliveryListener;
import io.github.orderanalytics.posthog.DeliveryStats;
import io.github.orderanalytics.posthog.DropReason;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stands in for the capture client when no API key is configured: no thread, no network. */
public final class DisabledDelivery implements Delivery {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");

    private final DeliveryCounters counters = new DeliveryCounters();
    private final ListenerCalls listener;

    /** @param listener told of each dropped event; may be null */
    public DisabledDelivery(DeliveryListener listener) {
        this.listener = new ListenerCalls(listener);
        log.warn("order-analytics is disabled: no PostHog API key is configured (set POSTHOG_API_KEY)."
                + " Order events are counted as dropped (DISABLED) and not sent.");
    }

    @Override
    public void accept(Order order, Identity identity) {
        Objects.requireNonNull(order, "order == null");
        Objects.requireNonNull(identity, "identity == null");
        counters.accepted.increment();
        counters.dropped(DropReason.DISABLED, 1);
        listener.dropped(order, identity, null, DropReason.DISABLED);
    }

    @Override
    public boolean flush(Duration timeout) {
        return true;
    }

    @Override
    public void close() {}

    @Override
    public DeliveryStats stats() {
        return counters.snapshot(0);
    }
}
