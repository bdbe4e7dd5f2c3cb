package io.github.orderanalytics.testkit.readme;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;

// The service that both of the testing guide's examples test, compiled so that it cannot rot.
// README-BEGIN
/** The service under test: it depends on the OrderAnalytics interface only. */
final class CheckoutService {
    private final OrderAnalytics analytics;

    CheckoutService(OrderAnalytics analytics) {
        this.analytics = analytics;
    }

    void placeOrder(String orderId, String customerId) {
        Order order = Order.builder(orderId, Money.of("49.99", "EUR"))
                .tax(Money.of("7.99", "EUR"))
                .item(LineItem.builder("prod_7", 2, Money.of("21.00", "EUR"))
                        .name("Mug")
                        .build())
                .build();
        analytics.orderPlaced(order, Identity.customer(customerId));
    }
}
// README-END
