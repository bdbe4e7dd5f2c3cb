package io.github.orderanalytics;

import java.util.Objects;

/** The implementation behind {@link OrderAnalytics#noop()}. */
enum NoopOrderAnalytics implements OrderAnalytics {
    INSTANCE;

    @Override
    public void orderPlaced(Order order, Identity identity) {
        Objects.requireNonNull(order, "order == null");
        Objects.requireNonNull(identity, "identity == null");
    }

    @Override
    public void orderRefunded(Refund refund, Identity identity) {
        Objects.requireNonNull(refund, "refund == null");
        Objects.requireNonNull(identity, "identity == null");
    }

    @Override
    public void orderCancelled(Cancellation cancellation, Identity identity) {
        Objects.requireNonNull(cancellation, "cancellation == null");
        Objects.requireNonNull(identity, "identity == null");
    }

    @Override
    public String toString() {
        return "OrderAnalytics.noop()";
    }
}
