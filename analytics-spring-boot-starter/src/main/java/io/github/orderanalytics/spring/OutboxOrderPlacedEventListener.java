package io.github.orderanalytics.spring;

import io.github.orderanalytics.outbox.OutboxOrderAnalytics;
import org.springframework.context.event.EventListener;

/**
 * With the outbox: writes each published {@link OrderPlacedEvent} at once, in the publishing
 * transaction, so its row commits or rolls back with the order (and a failed write fails it).
 */
final class OutboxOrderPlacedEventListener {
    private final OutboxOrderAnalytics outbox;

    OutboxOrderPlacedEventListener(OutboxOrderAnalytics outbox) {
        this.outbox = outbox;
    }

    @EventListener
    public void onOrderPlaced(OrderPlacedEvent event) {
        outbox.orderPlaced(event.order(), event.identity());
    }
}
