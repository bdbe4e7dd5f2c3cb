package io.github.orderanalytics;

/**
 * Reports order events to product analytics.
 *
 * <pre>{@code
 * OrderAnalytics analytics = PostHogOrderAnalytics.shared();   // or OrderAnalytics.noop()
 * analytics.orderPlaced(order, Identity.customer("cus_42"));
 * }</pre>
 *
 * <p>Implementations are thread-safe. {@link #orderPlaced} never blocks on I/O and never
 * throws because of a delivery problem: the values it takes were validated when they were
 * built, so the only exceptions it throws are for {@code null} arguments.
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
     * An implementation that checks its arguments and does nothing else: for services and
     * tests that do not report analytics.
     */
    static OrderAnalytics noop() {
        return NoopOrderAnalytics.INSTANCE;
    }
}
