package io.github.orderanalytics.spring;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import java.util.Objects;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The starter's {@link OrderAnalytics} bean: inside a transaction it reports the order after the
 * transaction commits and never on rollback; outside one, at once. A service cannot then report an
 * order that its own transaction threw away.
 *
 * @since 0.1.0
 */
public final class TransactionAwareOrderAnalytics implements OrderAnalytics {
    private final OrderAnalytics delegate;

    public TransactionAwareOrderAnalytics(OrderAnalytics delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    }

    /** What reports, once the transaction allows it. */
    public OrderAnalytics delegate() {
        return delegate;
    }

    @Override
    public void orderPlaced(Order order, Identity identity) {
        Objects.requireNonNull(order, "order == null");
        Objects.requireNonNull(identity, "identity == null");
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delegate.orderPlaced(order, identity);
                }
            });
        } else {
            delegate.orderPlaced(order, identity);
        }
    }

    @Override
    public String toString() {
        return "TransactionAwareOrderAnalytics{" + delegate + "}";
    }
}
