package io.github.orderanalytics.quarkus.internal;

import io.github.orderanalytics.outbox.CurrentTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The outbox row's connection. Inside a JTA transaction, Agroal enlists the connection it hands out in
 * that transaction, so the row commits or rolls back with the order whatever DataSource the order is
 * on. Outside one, a connection of its own, committed once the row is written, whatever the pool's
 * auto-commit.
 */
final class JtaConnection implements CurrentTransaction {
    private final DataSource dataSource;
    private final Optional<JtaTransactions> transactions;

    JtaConnection(DataSource dataSource, Optional<JtaTransactions> transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    @Override
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void release(Connection connection) throws SQLException {
        try {
            if (!inTransaction() && !connection.getAutoCommit()) {
                connection.commit(); // our own connection: nothing else will commit the row
            }
        } finally {
            connection.close(); // in a transaction, Agroal keeps it enlisted until the transaction ends
        }
    }

    private boolean inTransaction() {
        return transactions.map(JtaTransactions::active).orElse(false);
    }
}
