package io.github.orderanalytics;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened to an order: it was placed ({@link Order}), money was given back
 * ({@link Refund}), or it was called off ({@link Cancellation}). Code that handles every kind the
 * same way (a queue, an outbox, a test double) takes this type and reports it with
 * {@link #reportTo(OrderAnalytics, Identity)}.
 *
 * <pre>{@code
 * List<OrderEvent> later = new ArrayList<>();
 * later.add(order);
 * later.add(refund);
 * later.forEach(event -> event.reportTo(analytics, identity));   // orderPlaced, then orderRefunded
 * }</pre>
 *
 * <p>Every kind is validated and bounded the same way: exact money in one currency, the same limits
 * on text, items and custom properties, and a size that always fits in one PostHog event.
 *
 * @since 0.1.0
 */
public sealed interface OrderEvent permits Order, Refund, Cancellation {

    /** The kinds of order event, each with the name it has in product analytics. */
    enum Kind {
        PLACED("order_placed"),
        REFUNDED("order_refunded"),
        CANCELLED("order_cancelled");

        private final String eventName;

        Kind(String eventName) {
            this.eventName = eventName;
        }

        /** The event name, e.g. {@code order_refunded}. */
        public String eventName() {
            return eventName;
        }
    }

    Kind kind();

    /** The order this event is about. */
    String orderId();

    /** When it happened: the event's timestamp. */
    Instant occurredAt();

    /** Custom properties in insertion order; immutable. */
    Map<String, Object> properties();

    /**
     * An upper bound of this event's size as UTF-8 JSON, in bytes, without the identity: at most
     * {@value Order#MAX_ENCODED_BYTES}.
     */
    int encodedSizeBound();

    /**
     * Reports this event to {@code analytics} by the method for its kind: {@code orderPlaced},
     * {@code orderRefunded} or {@code orderCancelled}.
     *
     * @throws NullPointerException if {@code analytics} or {@code identity} is null
     */
    void reportTo(OrderAnalytics analytics, Identity identity);
}
