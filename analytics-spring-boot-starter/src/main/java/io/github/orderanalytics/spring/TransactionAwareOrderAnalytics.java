package io.github.orderanalytics.spring;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.OrderEventHandler;
import io.github.orderanalytics.spring.browser.RequestBrowserContext;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The starter's {@link OrderAnalytics} bean: inside a transaction it reports the order event (placed,
 * refunded, cancelled) after the transaction commits and never on rollback; outside one, at once, and
 * in the order they were reported. A service cannot then report an order or a refund that its own
 * transaction threw away, and that includes one reported inside a {@code NESTED} transaction whose
 * savepoint was rolled back: the savepoint takes the event with it, as it takes the event's rows. A
 * scope with no transaction ({@code SUPPORTS} outside one, {@code NOT_SUPPORTED}) reports at once.
 *
 * <p>An identity without a browser context gets the current request's ({@link RequestBrowserContext}),
 * when it is reported: so a guest's order joins the browser's visitor in PostHog.
 *
 * @since 0.1.0
 */
public final class TransactionAwareOrderAnalytics extends OrderEventHandler {
    private static final Logger log = LoggerFactory.getLogger(TransactionAwareOrderAnalytics.class);

    private final OrderAnalytics delegate;

    public TransactionAwareOrderAnalytics(OrderAnalytics delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    }

    /** What reports, once the transaction allows it. */
    public OrderAnalytics delegate() {
        return delegate;
    }

    /** The request's browser context is attached here, on the request's thread, not after commit. */
    @Override
    protected void handle(OrderEvent event, Identity reported) {
        Identity identity = RequestBrowserContext.attachTo(reported);
        // Synchronization without a transaction (SUPPORTS outside one, NOT_SUPPORTED) is no transaction:
        // its statements stood alone, and its "rollback" takes nothing back, so neither may it take the order.
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            ordersOfThisTransaction().add(new Reported(event, identity));
        } else {
            event.reportTo(delegate, identity);
        }
    }

    /** The current transaction's orders, bound to it (under this bean) by its first order. */
    private PendingOrders ordersOfThisTransaction() {
        PendingOrders pending = (PendingOrders) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new PendingOrders();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    @Override
    public String toString() {
        return "TransactionAwareOrderAnalytics{" + delegate + "}";
    }

    private record Reported(OrderEvent event, Identity identity) {}

    /**
     * The orders one transaction reported, held until it completes. A savepoint remembers how many
     * there were when it was set; rolling back to it forgets the ones reported since.
     */
    private final class PendingOrders implements TransactionSynchronization {
        private final List<Reported> orders = new ArrayList<>();
        private final Map<Object, Integer> savepoints = new IdentityHashMap<>();

        void add(Reported order) {
            orders.add(order);
        }

        @Override
        public void savepoint(Object savepoint) {
            savepoints.put(savepoint, orders.size());
        }

        /**
         * A savepoint this list never saw was set before its first order: every order here came after
         * it, and goes with it.
         */
        @Override
        public void savepointRollback(Object savepoint) {
            Integer mark = savepoints.remove(savepoint);
            orders.subList(mark == null ? 0 : Math.min(mark, orders.size()), orders.size())
                    .clear();
        }

        /** A {@code REQUIRES_NEW} transaction starts: its orders are its own. */
        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(TransactionAwareOrderAnalytics.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(TransactionAwareOrderAnalytics.this, this);
        }

        // afterCompletion, not afterCommit: an order reported from another synchronization's afterCommit
        // lands here too, and Spring calls afterCompletion only once every afterCommit has run.
        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(TransactionAwareOrderAnalytics.this);
            if (status == STATUS_COMMITTED) {
                for (Reported r : orders) {
                    r.event().reportTo(delegate, r.identity());
                }
            } else if (status == STATUS_UNKNOWN) {
                orders.forEach(r -> unknownOutcome(r.event()));
            }
        }
    }

    /**
     * A JTA heuristic outcome: the order may or may not exist. Reporting it could count an order
     * that never was, so it is left out, loudly.
     */
    private static void unknownOutcome(OrderEvent event) {
        log.warn("order-analytics did not report an order event: its transaction ended with an unknown outcome");
        log.debug(
                "order-analytics: the {} left out was of order {}", event.kind().eventName(), event.orderId());
    }
}
