package io.github.orderanalytics;

import java.util.Objects;

/**
 * An {@link OrderAnalytics} that handles orders placed, refunded and cancelled in one method: for
 * implementations that treat every kind alike (a decorator that waits for a transaction, a test double,
 * a bridge to another backend).
 *
 * <pre>{@code
 * OrderAnalytics audited = new OrderEventHandler() {
 *     @Override
 *     protected void handle(OrderEvent event, Identity identity) {
 *         audit.record(event.kind(), event.orderId());
 *         event.reportTo(analytics, identity);   // the event's own kind of call
 *     }
 * };
 * }</pre>
 *
 * <p>The three methods check their arguments, as every implementation must, and pass them on: {@link
 * #handle} is never given a null.
 *
 * @since 0.1.0
 */
public abstract class OrderEventHandler implements OrderAnalytics {

    /** For subclasses. */
    protected OrderEventHandler() {}

    /** Handles one event of any kind, for the buyer {@code identity}; the contract of the three methods applies. */
    protected abstract void handle(OrderEvent event, Identity identity);

    @Override
    public final void orderPlaced(Order order, Identity identity) {
        Objects.requireNonNull(order, "order == null");
        handle(order, Objects.requireNonNull(identity, "identity == null"));
    }

    @Override
    public final void orderRefunded(Refund refund, Identity identity) {
        Objects.requireNonNull(refund, "refund == null");
        handle(refund, Objects.requireNonNull(identity, "identity == null"));
    }

    @Override
    public final void orderCancelled(Cancellation cancellation, Identity identity) {
        Objects.requireNonNull(cancellation, "cancellation == null");
        handle(cancellation, Objects.requireNonNull(identity, "identity == null"));
    }
}
