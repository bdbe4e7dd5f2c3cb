package io.github.orderanalytics.testkit;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.OrderEventHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An implementation that knows nothing of PostHog can extend the API-level contract alone. */
class ApiOnlyContractTest extends OrderAnalyticsContract {
    private final List<String> orderIds = new ArrayList<>();

    /** Another backend's client, reduced to what the contract can see: the ids of the orders it reported. */
    private final OrderAnalytics otherBackend = new OrderEventHandler() {
        @Override
        protected void handle(OrderEvent event, Identity identity) {
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
