package com.example.shop;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;

/**
 * A user's checkout service: it only knows the OrderAnalytics interface. The consumer projects beside this
 * folder compile it as their own main source, each against another test setup.
 */
public final class Checkout {
    private final OrderAnalytics analytics;

    public Checkout(OrderAnalytics analytics) {
        this.analytics = analytics;
    }

    public String place(String customerId) {
        Order order = Order.builder("ord_42", Money.of("19.90", "EUR"))
                .item(LineItem.builder("prod_1", 1, Money.of("19.90", "EUR"))
                        .name("Book")
                        .build())
                .build();
        analytics.orderPlaced(order, Identity.customer(customerId));
        return order.orderId();
    }
}
