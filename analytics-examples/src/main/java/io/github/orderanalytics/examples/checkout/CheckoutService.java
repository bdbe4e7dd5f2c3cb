package io.github.orderanalytics.examples.checkout;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.spring.OrderPlacedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Places an order: stores it, reports it, reserves its stock, all in one transaction. */
@Service
public class CheckoutService {
    static final String CURRENCY = "EUR";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public CheckoutService(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    public PlacedOrder placeOrder(PlaceOrderRequest request) {
        String orderId = "ord_" + UUID.randomUUID();
        Instant placedAt = Instant.now();
        List<LineItem> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (CartLine line : request.lines()) {
            Product product = jdbc.sql("SELECT name, unit_price FROM product WHERE sku = ?")
                    .param(line.sku())
                    .query(Product.class)
                    .optional()
                    .orElseThrow(() -> new IllegalArgumentException("unknown product: " + line.sku()));
            items.add(LineItem.builder(line.sku(), line.quantity(), Money.of(product.unitPrice(), CURRENCY))
                    .name(product.name())
                    .build());
            total = total.add(product.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
        }
        Order order = Order.builder(orderId, Money.of(total, CURRENCY))
                .placedAt(placedAt)
                .items(items)
                .build();

        jdbc.sql("INSERT INTO orders (id, customer_id, total, currency, placed_at) VALUES (?, ?, ?, ?, ?)")
                .params(orderId, request.customerId(), total, CURRENCY, placedAt.atOffset(ZoneOffset.UTC))
                .update();
        for (CartLine line : request.lines()) {
            jdbc.sql("INSERT INTO order_line (order_id, sku, quantity, unit_price)"
                            + " SELECT ?, sku, ?, unit_price FROM product WHERE sku = ?")
                    .params(orderId, line.quantity(), line.sku())
                    .update();
        }

        // Published before the stock is reserved, on purpose: if that fails, the transaction rolls
        // back and the starter never reports the order. It reports after commit, off this thread.
        events.publishEvent(new OrderPlacedEvent(order, Identity.customer(request.customerId())));

        for (CartLine line : request.lines()) {
            int reserved = jdbc.sql("UPDATE product SET in_stock = in_stock - ? WHERE sku = ? AND in_stock >= ?")
                    .params(line.quantity(), line.sku(), line.quantity())
                    .update();
            if (reserved == 0) {
                throw new OutOfStockException(line.sku());
            }
        }
        return new PlacedOrder(orderId, total, CURRENCY);
    }

    /** A row of the product table. */
    record Product(String name, BigDecimal unitPrice) {}
}
