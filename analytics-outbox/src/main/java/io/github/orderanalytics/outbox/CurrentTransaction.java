package io.github.orderanalytics.outbox;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where {@link OutboxOrderAnalytics} finds the connection of the caller's current transaction, so
 * that the event row commits or rolls back with the order.
 *
 * <pre>{@code
 * // Spring (the starter does this for you): the connection bound to the transaction
 * CurrentTransaction spring = new CurrentTransaction() {
 *     public Connection connection() { return DataSourceUtils.getConnection(dataSource); }
 *     public void release(Connection c) { DataSourceUtils.releaseConnection(c, dataSource); }
 * };
 * }</pre>
 *
 * <p>With plain JDBC there is usually nothing to look up: hand the connection over with
 * {@link OutboxOrderAnalytics#orderPlaced(Connection, io.github.orderanalytics.Order,
 * io.github.orderanalytics.Identity)} instead.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CurrentTransaction {

    /** The connection of the calling thread's current transaction. */
    Connection connection() throws SQLException;

    /** Gives back what {@link #connection()} returned, after the row is written; by default nothing. */
    default void release(Connection connection) throws SQLException {}
}
