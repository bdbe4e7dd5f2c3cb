package io.github.orderanalytics.quarkus.deployment;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.Refund;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A shop of the tests: stores an order in its own table and reports it, in each kind of transaction. */
@ApplicationScoped
public class Shop {
    @Inject
    OrderAnalytics analytics;

    @Inject
    DataSource orders;

    @Inject
    TransactionManager transactions;

    @Inject
    Shop self; // through the proxy, so that @Transactional applies to calls from this bean

    static Order order(String orderId) {
        return Order.builder(orderId, Money.of("19.90", "EUR")).build();
    }

    /** Stores and reports the order; then fails when {@code fail}, rolling both back. */
    @Transactional
    public void place(String orderId, boolean fail) throws SQLException {
        store(orderId);
        analytics.orderPlaced(order(orderId), Identity.customer("cus_" + orderId));
        if (fail) {
            throw new IllegalStateException("payment declined");
        }
    }

    /** Reports the order, then marks the transaction for rollback without throwing. */
    @Transactional
    public void placeThenMarkRollback(String orderId) throws Exception {
        store(orderId);
        analytics.orderPlaced(order(orderId), Identity.customer("cus_" + orderId));
        transactions.setRollbackOnly();
    }

    /** An outer order that commits around an inner REQUIRES_NEW one that fails. */
    @Transactional
    public void placeAroundAFailedInnerOrder(String outerId, String innerId) throws SQLException {
        store(outerId);
        analytics.orderPlaced(order(outerId), Identity.customer("cus_" + outerId));
        try {
            self.placeOnItsOwn(innerId);
        } catch (IllegalStateException expected) {
            // the inner order's transaction rolled back; the outer one goes on
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void placeOnItsOwn(String orderId) throws SQLException {
        place(orderId, true);
    }

    /** A refund and a cancellation of the order, in one transaction that fails when {@code fail}. */
    @Transactional
    public void refundAndCancel(String orderId, boolean fail) {
        Identity buyer = Identity.customer("cus_" + orderId);
        analytics.orderRefunded(
                Refund.builder(orderId, "re_" + orderId, Money.of("19.90", "EUR"))
                        .build(),
                buyer);
        analytics.orderCancelled(Cancellation.builder(orderId).build(), buyer);
        if (fail) {
            throw new IllegalStateException("the refund failed at the bank");
        }
    }

    /** No transaction: reported at once. */
    public void placeWithoutTransaction(String orderId) {
        analytics.orderPlaced(order(orderId), Identity.customer("cus_" + orderId));
    }

    /** Rows of the shop's own table, committed or not as the transaction goes. */
    private void store(String orderId) throws SQLException {
        try (Connection c = orders.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO shop_orders (id) VALUES (?)")) {
            insert.setString(1, orderId);
            insert.executeUpdate();
        }
    }
}
