package io.github.orderanalytics.spring;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import java.util.Objects;

/**
 * The domain event "an order was placed", to publish with Spring's {@code ApplicationEventPublisher}.
 *
 * <pre>{@code
 * @Transactional
 * public void placeOrder(Cart cart) {
 *     Order order = orders.save(cart);                                  // your own persistence
 *     publisher.publishEvent(new OrderPlacedEvent(order, Identity.customer(cart.customerId())));
 * }
 * }</pre>
 *
 * <p>The starter reports it to order analytics after the surrounding transaction commits, never
 * when it rolls back, and at once when it is published outside a transaction.
 *
 * @param order the placed order
 * @param identity who placed it
 * @since 0.1.0
 */
public record OrderPlacedEvent(Order order, Identity identity) {
    public OrderPlacedEvent {
        Objects.requireNonNull(order, "order == null");
        Objects.requireNonNull(identity, "identity == null");
    }
}
