package io.github.orderanalytics.posthog;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.Refund;
import java.time.Instant;

/** Orders, refunds and cancellations for the delivery tests. */
final class Orders {
    private Orders() {}

    static Order order(String id) {
        return Order.builder(id, Money.of("49.99", "EUR"))
                .placedAt(Instant.parse("2026-11-27T10:15:30Z"))
                .tax(Money.of("7.99", "EUR"))
                .item(LineItem.builder("prod_7", 2, Money.of("21.00", "EUR"))
                        .name("Mug")
                        .build())
                .property("channel", "web")
                .build();
    }

    /** One mug of {@link #order(String)} given back, with its share of the tax: revenue given back 21.00. */
    static Refund refund(String orderId, String refundId) {
        return Refund.builder(orderId, refundId, Money.of("25.00", "EUR"))
                .refundedAt(Instant.parse("2026-11-29T16:00:00Z"))
                .tax(Money.of("4.00", "EUR"))
                .item(LineItem.builder("prod_7", 1, Money.of("21.00", "EUR"))
                        .name("Mug")
                        .build())
                .reason("damaged")
                .build();
    }

    static Cancellation cancellation(String orderId) {
        return Cancellation.builder(orderId)
                .cancelledAt(Instant.parse("2026-11-28T08:30:00Z"))
                .reason("customer_request")
                .build();
    }
}
