package io.github.orderanalytics;

/**
 * Reports order events to product analytics: orders placed, refunded and cancelled.
 *
 * <pre>{@code
 * OrderAnalytics analytics = PostHogOrderAnalytics.shared();   // or OrderAnalytics.noop()
 * analytics.orderPlaced(order, Identity.customer("cus_42"));
 * analytics.orderRefunded(refund, Identity.customer("cus_42"));  // the buyer, not who refunded
 * }</pre>
 *
 * <p>Implementations are thread-safe. A client that sends (the PostHog one, and {@link #noop()}) never
 * blocks on I/O and never throws because of a delivery problem: the values it takes were validated when
 * they were built, so the only exceptions it throws are for {@code null} arguments. A durable
 * implementation that writes in the caller's transaction (the outbox) is the exception, on purpose:
 * it does its I/O on the caller's connection and throws if it cannot write, so that the order's
 * transaction fails rather than commit without its event. Pass the identity of the order's buyer to
 * every method, so that a refund or cancellation lands on the same person as the order.
 *
 * <p>An implementation that handles every kind alike extends {@link OrderEventHandler}; code holding an
 * {@code OrderEvent} reports it with {@link OrderEvent#reportTo(OrderAnalytics, Identity)}.
 *
 * @since 0.1.0
 */
public interface OrderAnalytics {

    /**
     * Reports that {@code order} was placed by {@code identity}. Returns without waiting for
     * the network; delivery happens in the background.
     *
     * @throws NullPointerException if {@code order} or {@code identity} is null
     */
    void orderPlaced(Order order, Identity identity);

    /**
     * Reports that money was given back on an order placed by {@code identity}: one call per refund,
     * full or partial. Returns without waiting for the network.
     *
     * @throws NullPointerException if {@code refund} or {@code identity} is null
     * @since 0.1.0
     */
    void orderRefunded(Refund refund, Identity identity);

    /**
     * Reports that an order placed by {@code identity} was cancelled. A cancellation moves no money:
     * report what was paid back with {@link #orderRefunded}. Returns without waiting for the network.
     *
     * @throws NullPointerException if {@code cancellation} or {@code identity} is null
     * @since 0.1.0
     */
    void orderCancelled(Cancellation cancellation, Identity identity);

    /**
     * An implementation that checks its arguments and does nothing else: for services and
     * tests that do not report analytics.
     */
    static OrderAnalytics noop() {
        return NoopOrderAnalytics.INSTANCE;
    }
}
