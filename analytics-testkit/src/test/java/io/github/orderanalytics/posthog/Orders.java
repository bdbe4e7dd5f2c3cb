package io.github.orderanalytics.posthog;

import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import java.time.Instant;

/** Orders for the delivery tests. */
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
}
