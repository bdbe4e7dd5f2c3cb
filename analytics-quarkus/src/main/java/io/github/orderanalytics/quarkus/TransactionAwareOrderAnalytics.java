package io.github.orderanalytics.quarkus;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.OrderEventHandler;
import io.github.orderanalytics.quarkus.internal.JtaTransactions;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The extension's {@code OrderAnalytics} bean without the outbox: inside a JTA transaction an order is
 * reported once the transaction commits, and never when it rolls back; outside one, at once.
 *
 * <pre>{@code
 * @Inject OrderAnalytics analytics;
 *
 * @Transactional
 * public void place(Order order, Identity buyer) {
 *     orders.persist(order);
 *     analytics.orderPlaced(order, buyer);   // sent after commit
 * }
 * }</pre>
 *
 * <p>JTA has no savepoints: a transaction commits or rolls back whole, and a {@code REQUIRES_NEW}
 * transaction keeps its own orders. The request's browser context is attached when the order is
 * reported, on the request's thread, not after commit.
 *
 * @since 0.1.0
 */
public final class TransactionAwareOrderAnalytics extends OrderEventHandler {
    private final OrderAnalytics delegate;
    private final Optional<JtaTransactions> transactions;
    private final UnaryOperator<Identity> browser;

    TransactionAwareOrderAnalytics(
            OrderAnalytics delegate, Optional<JtaTransactions> transactions, UnaryOperator<Identity> browser) {
        this.delegate = Objects.requireNonNull(delegate, "delegate == null");
        this.transactions = transactions;
        this.browser = browser;
    }

    /** What reports, once the transaction allows it. */
    public OrderAnalytics delegate() {
        return delegate;
    }

    @Override
    protected void handle(OrderEvent event, Identity reported) {
        Identity identity = browser.apply(reported);
        Runnable report = () -> event.reportTo(delegate, identity);
        if (transactions.map(t -> t.afterCommit(this, report)).orElse(false)) {
            return;
        }
        report.run();
    }

    @Override
    public String toString() {
        return "TransactionAwareOrderAnalytics{" + delegate + "}";
    }
}
