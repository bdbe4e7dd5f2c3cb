package io.github.orderanalytics.testkit;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An implementation that knows nothing of PostHog can extend the API-level contract alone. */
class ApiOnlyContractTest extends OrderAnalyticsContract {
    private final List<String> orderIds = new ArrayList<>();

    /** Another backend's client, reduced to what the contract can see: the ids of the orders it reported. */
    private final OrderAnalytics otherBackend = new OrderAnalytics() {
        @Override
        public void orderPlaced(Order order, Identity identity) {
            report(Objects.requireNonNull(order, "order == null"), identity);
        }

        @Override
        public void orderRefunded(Refund refund, Identity identity) {
            report(Objects.requireNonNull(refund, "refund == null"), identity);
        }

        @Override
        public void orderCancelled(Cancellation cancellation, Identity identity) {
            report(Objects.requireNonNull(cancellation, "cancellation == null"), identity);
        }

        private void report(OrderEvent event, Identity identity) {
            Objects.requireNonNull(identity, "identity == null");
            synchronized (orderIds) {
                orderIds.add(event.orderId());
            }
        }
    };

    @Override
    protected OrderAnalytics analytics() {
        return otherBackend;
    }

    @Override
    protected List<String> awaitReportedOrderIds(int count, Duration timeout) {
        synchronized (orderIds) {
            return List.copyOf(orderIds);
        }
    }
}
