package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.outbox.CurrentTransaction;
import io.github.orderanalytics.outbox.OutboxWriteException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The connection of Spring's current transaction on the outbox's DataSource, so the outbox row
 * commits or rolls back with the order.
 *
 * <ul>
 *   <li>A transaction that holds the DataSource: its connection.
 *   <li>A transaction that does not (the order's {@code @Transactional} is on another DataSource):
 *       {@link OutboxWriteException}, never a connection of its own whose row would commit while the
 *       order rolls back.
 *   <li>No transaction, also in a scope with synchronization but none ({@code SUPPORTS},
 *       {@code NOT_SUPPORTED}): a connection of its own, committed once the row is written, whatever the
 *       pool's auto-commit, then closed.
 * </ul>
 *
 * @param dataSource the outbox's DataSource
 * @param name the DataSource's bean name, for messages
 */
record SpringTransactionConnection(DataSource dataSource, String name) implements CurrentTransaction {

    @Override
    public Connection connection() throws SQLException {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Not DataSourceUtils: in a scope with synchronization but no transaction (SUPPORTS outside
            // one, NOT_SUPPORTED) it binds the connection to that scope, which ends without a commit.
            return dataSource.getConnection();
        }
        if (!transactionHoldsDataSource()) {
            throw new OutboxWriteException("order-analytics writes order events to DataSource '" + name
                    + "', which the current transaction does not hold: the event would commit on its own while"
                    + " the order could roll back. Run the order's transaction on '" + name
                    + "', or set order-analytics.outbox.data-source to the DataSource it runs on.");
        }
        return DataSourceUtils.getConnection(dataSource);
    }

    /**
     * Whether the transaction manager bound a connection of this DataSource to the transaction. A
     * connection it manages is not in auto-commit: one that is was bound by a plain JDBC call made
     * inside another DataSource's transaction, and commits every statement at once.
     */
    private boolean transactionHoldsDataSource() throws SQLException {
        Object resource = TransactionSynchronizationManager.getResource(dataSource);
        return resource instanceof ConnectionHolder holder
                && !holder.getConnection().getAutoCommit();
    }

    @Override
    public void release(Connection connection) throws SQLException {
        try {
            if (!DataSourceUtils.isConnectionTransactional(connection, dataSource) && !connection.getAutoCommit()) {
                connection.commit(); // our own connection: nothing else will commit the row
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
