package com.example.shop;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** Stores the order and reports it in one transaction: a declined payment takes both back. */
@ApplicationScoped
public class Checkout {
    @Inject
    DataSource db;

    @Inject
    OrderAnalytics analytics;

    @Transactional
    public String place(CheckoutRequest request) throws SQLException {
        String orderId = "ord_" + UUID.randomUUID();
        BigDecimal unit = new BigDecimal("24.50");
        Money price = Money.of(unit, "EUR");
        Order order = Order.builder(orderId, Money.of(unit.multiply(BigDecimal.valueOf(request.quantity())), "EUR"))
                .item(LineItem.builder(request.sku(), request.quantity(), price).build())
                .build();
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO orders (id, total) VALUES (?, ?)")) {
            insert.setString(1, orderId);
            insert.setBigDecimal(2, order.total().amount());
            insert.executeUpdate();
        }
        Identity buyer = request.customerId() != null
                ? Identity.customer(request.customerId())
                : Identity.guest(request.email());
        analytics.orderPlaced(order, buyer); // after commit (or as an outbox row of this transaction)
        if (request.declinePayment()) {
            throw new PaymentDeclined(orderId);
        }
        return orderId;
    }
}
