package io.github.orderanalytics.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outbox's own short transactions: the relay's claims and bookkeeping, and the admin's changes. */
final class ShortTransaction {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.outbox");

    private ShortTransaction() {}

    /** Statements to run in one transaction of their own. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in a short transaction of its own at READ COMMITTED, whatever the pool's
     * default: under REPEATABLE READ or SERIALIZABLE, PostgreSQL refuses a claim whose rows another
     * relay changed since its snapshot, and relays would back off instead of skipping each other. The
     * connection is given back as it came. A failure to roll back or to restore the connection never
     * hides the failure that caused it: it is added to that one, suppressed.
     */
    static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            Throwable failure = null;
            try {
                c.setAutoCommit(false);
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                failure = e;
                try {
                    c.rollback();
                } catch (SQLException | RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            } finally {
                restore(c, autoCommit, isolation, failure);
            }
        }
    }

    /** After a commit, a connection that cannot be restored is the pool's to discard, not a failed round. */
    private static void restore(Connection c, boolean autoCommit, int isolation, @Nullable Throwable failure) {
        try {
            if (c.getTransactionIsolation() != isolation) {
                c.setTransactionIsolation(isolation);
            }
            c.setAutoCommit(autoCommit);
        } catch (SQLException | RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                log.warn("order-analytics outbox could not restore a connection's auto-commit and isolation", e);
            }
        }
    }
}
