package com.example.shop;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.spring.OrderPlacedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class OrderService {
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final OrderAnalytics analytics;

    public OrderService(JdbcClient jdbc, ApplicationEventPublisher events, OrderAnalytics analytics) {
        this.jdbc = jdbc;
        this.events = events;
        this.analytics = analytics;
    }

    /** Publishes the domain event; fails after it when {@code fail}, rolling everything back. */
    @Transactional
    public void placeByEvent(String orderId, boolean fail) {
        Order order = saved(orderId, "10.00");
        events.publishEvent(new OrderPlacedEvent(order, Identity.customer("cus_1")));
        declineIf(fail);
    }

    /** Calls the OrderAnalytics bean directly; fails after it when {@code fail}. */
    @Transactional
    public void placeDirectly(String orderId, boolean fail) {
        Order order = saved(orderId, "20.00");
        analytics.orderPlaced(order, Identity.customer("cus_2"));
        declineIf(fail);
    }

    private Order saved(String orderId, String total) {
        Order order = Order.builder(orderId, Money.of(total, "EUR")).build();
        jdbc.sql("INSERT INTO orders (id, total) VALUES (?, ?)")
                .params(orderId, order.total().amount())
                .update();
        return order;
    }

    /** A declined payment: the exception rolls the order back, and what was reported with it. */
    private static void declineIf(boolean fail) {
        if (fail) {
            throw new IllegalStateException("payment declined");
        }
    }
}
