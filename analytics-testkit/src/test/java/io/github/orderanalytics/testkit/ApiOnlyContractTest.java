package io.github.orderanalytics.testkit;

import io.github.orderanalytics.OrderAnalytics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An implementation that knows nothing of PostHog can extend the API-level contract alone. */
class ApiOnlyContractTest extends OrderAnalyticsContract {
    private final List<String> orderIds = new ArrayList<>();

    /** Another backend's client, reduced to what the contract can see: the ids of the orders it reported. */
    private final OrderAnalytics otherBackend = (order, identity) -> {
        Objects.requireNonNull(order, "order == null");
        Objects.requireNonNull(identity, "identity == null");
        synchronized (orderIds) {
            orderIds.add(order.orderId());
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
