package io.github.orderanalytics.spring;

import io.github.orderanalytics.OrderAnalytics;
import java.util.Objects;
import org.springframework.context.event.EventListener;

/**
 * Reports each published {@link OrderPlacedEvent} after its transaction commits, never on rollback,
 * or at once without a transaction, whichever {@code OrderAnalytics} bean reports. It waits for the
 * commit itself rather than through {@code @TransactionalEventListener}, which works only where
 * transaction management is enabled.
 *
 * @since 0.1.0
 */
public final class OrderPlacedEventListener {
    private final TransactionAwareOrderAnalytics analytics;

    public OrderPlacedEventListener(OrderAnalytics analytics) {
        Objects.requireNonNull(analytics, "analytics == null");
        this.analytics = analytics instanceof TransactionAwareOrderAnalytics aware
                ? aware
                : new TransactionAwareOrderAnalytics(analytics);
    }

    @EventListener
    public void onOrderPlaced(OrderPlacedEvent event) {
        analytics.orderPlaced(event.order(), event.identity());
    }
}
