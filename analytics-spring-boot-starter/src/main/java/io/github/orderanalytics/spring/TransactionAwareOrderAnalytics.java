package io.github.orderanalytics.spring;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(TransactionAwareOrderAnalytics.class);

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
            // afterCompletion, not afterCommit: a synchronization registered while others run their
            // afterCommit (an order reported from one) would never get its own afterCommit call.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        delegate.orderPlaced(order, identity);
                    } else if (status == STATUS_UNKNOWN) {
                        unknownOutcome(order);
                    }
                }
            });
        } else {
            delegate.orderPlaced(order, identity);
        }
    }

    /**
     * A JTA heuristic outcome: the order may or may not exist. Reporting it could count an order
     * that never was, so it is left out, loudly.
     */
    private static void unknownOutcome(Order order) {
        log.warn("order-analytics did not report an order: its transaction ended with an unknown outcome");
        log.debug("order-analytics: the order left out was {}", order.orderId());
    }

    @Override
    public String toString() {
        return "TransactionAwareOrderAnalytics{" + delegate + "}";
    }
}
