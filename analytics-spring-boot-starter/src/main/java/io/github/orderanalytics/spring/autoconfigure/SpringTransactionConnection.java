package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.outbox.CurrentTransaction;
import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The connection of Spring's current transaction on {@code dataSource}, so the outbox row commits or
 * rolls back with the order. Outside a transaction, a connection of its own whose auto-commit writes
 * the row at once.
 */
final class SpringTransactionConnection implements CurrentTransaction {
    private final DataSource dataSource;

    SpringTransactionConnection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection connection() {
        return DataSourceUtils.getConnection(dataSource);
    }

    @Override
    public void release(Connection connection) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }
}
