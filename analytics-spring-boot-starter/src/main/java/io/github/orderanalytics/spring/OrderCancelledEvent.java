package io.github.orderanalytics.spring;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import java.util.Objects;

/**
 * The domain event "an order was cancelled", to publish with Spring's
 * {@code ApplicationEventPublisher}; reported as {@link OrderPlacedEvent} is: after the surrounding
 * transaction commits, never when it rolls back.
 *
 * <pre>{@code
 * publisher.publishEvent(new OrderCancelledEvent(
 *         Cancellation.builder(orderId).reason("customer_request").build(), Identity.customer(customerId)));
 * }</pre>
 *
 * @param cancellation the cancellation
 * @param identity who placed the order
 * @since 0.1.0
 */
public record OrderCancelledEvent(Cancellation cancellation, Identity identity) {
    public OrderCancelledEvent {
        Objects.requireNonNull(cancellation, "cancellation == null");
        Objects.requireNonNull(identity, "identity == null");
    }
}
