package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.spring.OrderCancelledEvent;
import io.github.orderanalytics.spring.OrderPlacedEvent;
import io.github.orderanalytics.spring.OrderRefundedEvent;
import io.github.orderanalytics.spring.browser.RequestBrowserContext;
import java.util.Objects;
import org.springframework.context.event.EventListener;

/**
 * Hands each published {@link OrderPlacedEvent}, {@link OrderRefundedEvent} and
 * {@link OrderCancelledEvent} to one {@code OrderAnalytics}. When it reports is that one's business:
 * the starter gives it the transaction-aware bean (after commit), the outbox (a row in the publishing
 * transaction) or, without Spring's transactions, the client itself (at once). Listening plainly, not
 * through {@code @TransactionalEventListener}, keeps it working where transaction management is not
 * enabled. The request's browser context is attached here, on the publishing thread.
 */
final class OrderEventListener {
    private final OrderAnalytics reportTo;

    OrderEventListener(OrderAnalytics reportTo) {
        this.reportTo = Objects.requireNonNull(reportTo, "reportTo == null");
    }

    @EventListener
    public void onOrderPlaced(OrderPlacedEvent event) {
        reportTo.orderPlaced(event.order(), RequestBrowserContext.attachTo(event.identity()));
    }

    @EventListener
    public void onOrderRefunded(OrderRefundedEvent event) {
        reportTo.orderRefunded(event.refund(), RequestBrowserContext.attachTo(event.identity()));
    }

    @EventListener
    public void onOrderCancelled(OrderCancelledEvent event) {
        reportTo.orderCancelled(event.cancellation(), RequestBrowserContext.attachTo(event.identity()));
    }

    @Override
    public String toString() {
        return "OrderEventListener{" + reportTo + "}";
    }
}
