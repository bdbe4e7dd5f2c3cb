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
        Order order = Order.builder(orderId, Money.of("10.00", "EUR")).build();
        jdbc.sql("INSERT INTO orders (id, total) VALUES (?, ?)")
                .params(orderId, order.total().amount())
                .update();
        events.publishEvent(new OrderPlacedEvent(order, Identity.customer("cus_1")));
        if (fail) {
            throw new IllegalStateException("payment declined");
        }
    }

    /** Calls the OrderAnalytics bean directly; fails after it when {@code fail}. */
    @Transactional
    public void placeDirectly(String orderId, boolean fail) {
        Order order = Order.builder(orderId, Money.of("20.00", "EUR")).build();
        jdbc.sql("INSERT INTO orders (id, total) VALUES (?, ?)")
                .params(orderId, order.total().amount())
                .update();
        analytics.orderPlaced(order, Identity.customer("cus_2"));
        if (fail) {
            throw new IllegalStateException("payment declined");
        }
    }
}
