package io.github.orderanalytics.outbox;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.EncodedEvent;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Reports an order event by writing its PostHog event ({@code order_placed}, {@code order_refunded}
 * or {@code order_cancelled}), mapped exactly as it will be sent and with its uuid, as one row of the
 * outbox table, on the connection of the caller's transaction. The row commits or rolls back with the
 * order; an {@link OutboxRelay} sends it afterwards. Every kind takes the same path and the same table.
 *
 * <pre>{@code
 * OutboxOrderAnalytics outbox = OutboxOrderAnalytics.create(PostHogConfig.fromEnvironment());
 *
 * try (Connection c = dataSource.getConnection()) {
 *     c.setAutoCommit(false);
 *     orders.insert(c, order);
 *     outbox.orderPlaced(c, order, Identity.customer(customerId));   // same transaction
 *     c.commit();
 * }
 * }</pre>
 *
 * <p>Unlike the in-memory client, this one throws: if the row cannot be written, {@code orderPlaced}
 * (or {@code orderRefunded}, {@code orderCancelled}) throws {@link OutboxWriteException}, so the order's transaction fails instead of committing
 * without its event. Bad input throws as always, when the order is built. Thread-safe.
 *
 * @since 0.1.0
 */
public final class OutboxOrderAnalytics implements OrderAnalytics {
    private final PostHogEventMapper mapper;
    private final CurrentTransaction transaction;
    private final OutboxTable table;
    private final UnaryOperator<Identity> identities;
    private final KnownDialect dialect = new KnownDialect();

    private OutboxOrderAnalytics(
            PostHogEventMapper mapper,
            CurrentTransaction transaction,
            OutboxTable table,
            UnaryOperator<Identity> identities) {
        this.mapper = mapper;
        this.transaction = transaction;
        this.table = table;
        this.identities = identities;
    }

    /**
     * This outbox, passing each identity through {@code identities} on the caller's thread before its
     * row is written: the Spring Boot starter attaches the current request's browser context this way.
     * What it returns is what the row holds; a redelivery sends exactly that.
     *
     * @since 0.1.0
     */
    public OutboxOrderAnalytics withIdentities(UnaryOperator<Identity> identities) {
        Objects.requireNonNull(identities, "identities == null");
        return new OutboxOrderAnalytics(mapper, transaction, table, identities);
    }

    /**
     * An outbox that maps with {@code config}'s identity settings (guest ids, geo-IP) and is handed
     * each transaction's connection: use {@link #orderPlaced(Connection, Order, Identity)}. Its
     * {@link #orderPlaced(Order, Identity)} throws, having no transaction to find.
     */
    public static OutboxOrderAnalytics create(PostHogConfig config) {
        return create(config, () -> {
            throw new IllegalStateException("this OutboxOrderAnalytics was created without a CurrentTransaction:"
                    + " call orderPlaced(connection, order, identity), or create it with one");
        });
    }

    /** An outbox that finds the caller's transaction through {@code transaction}, for {@link #orderPlaced(Order, Identity)}. */
    public static OutboxOrderAnalytics create(PostHogConfig config, CurrentTransaction transaction) {
        return create(config, transaction, OutboxTable.DEFAULT_NAME);
    }

    /** As {@link #create(PostHogConfig, CurrentTransaction)}, writing to {@code table} (schema-qualified if need be). */
    public static OutboxOrderAnalytics create(PostHogConfig config, CurrentTransaction transaction, String table) {
        Objects.requireNonNull(config, "config == null");
        Objects.requireNonNull(transaction, "transaction == null");
        return new OutboxOrderAnalytics(
                PostHogEventMapper.create(config), transaction, new OutboxTable(table), UnaryOperator.identity());
    }

    /**
     * Writes the event on the connection of the caller's current transaction.
     *
     * @throws OutboxWriteException if the row cannot be written: let it fail the transaction
     */
    @Override
    public void orderPlaced(Order order, Identity identity) {
        Objects.requireNonNull(order, "order == null");
        writeInCurrentTransaction(order, identity);
    }

    /**
     * Writes the {@code order_refunded} event on the connection of the caller's current transaction.
     *
     * @throws OutboxWriteException if the row cannot be written: let it fail the transaction
     */
    @Override
    public void orderRefunded(Refund refund, Identity identity) {
        Objects.requireNonNull(refund, "refund == null");
        writeInCurrentTransaction(refund, identity);
    }

    /**
     * Writes the {@code order_cancelled} event on the connection of the caller's current transaction.
     *
     * @throws OutboxWriteException if the row cannot be written: let it fail the transaction
     */
    @Override
    public void orderCancelled(Cancellation cancellation, Identity identity) {
        Objects.requireNonNull(cancellation, "cancellation == null");
        writeInCurrentTransaction(cancellation, identity);
    }

    private void writeInCurrentTransaction(OrderEvent event, Identity identity) {
        Objects.requireNonNull(identity, "identity == null");
        Connection connection;
        try {
            connection = transaction.connection();
        } catch (SQLException e) {
            throw new OutboxWriteException("order-analytics found no connection to write the order event with", e);
        }
        try {
            write(connection, event, identity);
        } catch (RuntimeException e) {
            release(connection, e);
            throw e;
        }
        release(connection, null);
    }

    /** Gives the connection back; a failure to do so is reported on its own, or beside the write's. */
    private void release(Connection connection, @Nullable RuntimeException writeFailure) {
        try {
            transaction.release(connection);
        } catch (SQLException e) {
            if (writeFailure != null) {
                writeFailure.addSuppressed(e);
                return;
            }
            throw new OutboxWriteException("order-analytics could not release its connection", e);
        }
    }

    /**
     * Writes the event on {@code connection}, inside whatever transaction it is in: commit or roll
     * back the connection as you do for the order.
     *
     * @throws OutboxWriteException if the row cannot be written: let it fail the transaction
     */
    public void orderPlaced(Connection connection, Order order, Identity identity) {
        Objects.requireNonNull(order, "order == null");
        write(connection, order, identity);
    }

    /** Writes the {@code order_refunded} event on {@code connection}, as {@link #orderPlaced(Connection, Order, Identity)}. */
    public void orderRefunded(Connection connection, Refund refund, Identity identity) {
        Objects.requireNonNull(refund, "refund == null");
        write(connection, refund, identity);
    }

    /** Writes the {@code order_cancelled} event on {@code connection}, as {@link #orderPlaced(Connection, Order, Identity)}. */
    public void orderCancelled(Connection connection, Cancellation cancellation, Identity identity) {
        Objects.requireNonNull(cancellation, "cancellation == null");
        write(connection, cancellation, identity);
    }

    /** This outbox as an {@code OrderAnalytics} writing on {@code connection}, for code written against the interface. */
    public OrderAnalytics on(Connection connection) {
        Objects.requireNonNull(connection, "connection == null");
        return new OnConnection(connection);
    }

    /** Every kind of event, written on one connection. */
    private final class OnConnection implements OrderAnalytics {
        private final Connection connection;

        OnConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void orderPlaced(Order order, Identity identity) {
            OutboxOrderAnalytics.this.orderPlaced(connection, order, identity);
        }

        @Override
        public void orderRefunded(Refund refund, Identity identity) {
            OutboxOrderAnalytics.this.orderRefunded(connection, refund, identity);
        }

        @Override
        public void orderCancelled(Cancellation cancellation, Identity identity) {
            OutboxOrderAnalytics.this.orderCancelled(connection, cancellation, identity);
        }

        @Override
        public String toString() {
            return OutboxOrderAnalytics.this + " on " + connection;
        }
    }

    private void write(Connection connection, OrderEvent orderEvent, Identity identity) {
        Objects.requireNonNull(connection, "connection == null");
        Objects.requireNonNull(identity, "identity == null");
        EncodedEvent event = mapper.encode(orderEvent, Objects.requireNonNull(identities.apply(identity), "identity"));
        try {
            Dialect dialect = this.dialect.of(connection);
            try (PreparedStatement insert = connection.prepareStatement(table.insert(dialect))) {
                dialect.setUuid(insert, 1, event.uuid());
                dialect.setTime(insert, 2, event.timestamp());
                insert.setString(3, event.json());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new OutboxWriteException(
                    "order-analytics could not write the " + orderEvent.kind().eventName() + " event to " + table.name
                            + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public String toString() {
        return "OutboxOrderAnalytics{table=" + table.name + "}";
    }
}
