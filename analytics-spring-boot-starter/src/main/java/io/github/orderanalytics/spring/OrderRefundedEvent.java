package io.github.orderanalytics.spring;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Refund;
import java.util.Objects;

/**
 * The domain event "money was given back on an order", to publish with Spring's
 * {@code ApplicationEventPublisher}; reported as {@link OrderPlacedEvent} is: after the surrounding
 * transaction commits, never when it rolls back, at once outside a transaction, or as an outbox row
 * in the publishing transaction.
 *
 * <pre>{@code
 * @Transactional
 * public void refund(String orderId, Money amount) {
 *     Refund refund = payments.refund(orderId, amount);                 // your own persistence
 *     publisher.publishEvent(new OrderRefundedEvent(refund, Identity.customer(buyerOf(orderId))));
 * }
 * }</pre>
 *
 * @param refund the refund
 * @param identity who placed the order: the buyer, not whoever refunded it
 * @since 0.1.0
 */
public record OrderRefundedEvent(Refund refund, Identity identity) {
    public OrderRefundedEvent {
        Objects.requireNonNull(refund, "refund == null");
        Objects.requireNonNull(identity, "identity == null");
    }
}
