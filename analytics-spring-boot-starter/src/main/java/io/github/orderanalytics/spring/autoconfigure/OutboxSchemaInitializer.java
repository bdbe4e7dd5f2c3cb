package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.outbox.OutboxSchema;
import io.github.orderanalytics.spring.OutboxProperties.InitializeSchema;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the outbox table at start where {@code order-analytics.outbox.initialize-schema} says so,
 * before the outbox writes or the relay reads: the shipped DDL, which creates only what is missing.
 */
final class OutboxSchemaInitializer {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.outbox");

    /** Runs at bean creation: the outbox's writer and relay take this bean, so they come after it. */
    OutboxSchemaInitializer(OutboxDataSource outbox, InitializeSchema mode, String table) {
        if (shouldCreate(outbox, mode)) {
            try {
                OutboxSchema.create(outbox.dataSource(), table);
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "order-analytics.outbox.initialize-schema=" + name(mode)
                                + " could not create table " + table + " on DataSource '" + outbox.name() + "': "
                                + e.getMessage(),
                        e);
            }
            log.info("order-analytics outbox: table {} is in place on DataSource '{}'", table, outbox.name());
        }
    }

    static boolean shouldCreate(OutboxDataSource outbox, InitializeSchema mode) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case EMBEDDED -> isEmbedded(outbox);
        };
    }

    /** H2 in memory or in a file: the database lives in the application. A server (tcp, ssl) does not. */
    private static boolean isEmbedded(OutboxDataSource outbox) {
        try (Connection c = outbox.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String url = String.valueOf(meta.getURL()).toLowerCase(Locale.ROOT);
            return meta.getDatabaseProductName().equalsIgnoreCase("H2")
                    && !url.startsWith("jdbc:h2:tcp:")
                    && !url.startsWith("jdbc:h2:ssl:");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "order-analytics outbox: cannot reach DataSource '" + outbox.name()
                            + "' to decide order-analytics.outbox.initialize-schema=embedded: " + e.getMessage(),
                    e);
        }
    }

    static String name(InitializeSchema mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
