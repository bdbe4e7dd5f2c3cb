package io.github.orderanalytics.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * How a relay claims rows on each database. Every dialect takes rows with lease columns, which any
 * SQL database has; PostgreSQL also skips rows another relay has locked, so relays never wait on
 * each other. Elsewhere the claim re-checks the lease on each row it updates, so two relays that
 * picked the same rows do not both get them.
 */
enum Dialect {
    POSTGRESQL {
        @Override
        String claim(OutboxTable table) {
            return "UPDATE " + table.name + " SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
                    + " WHERE id IN (SELECT id FROM " + table.name + " WHERE " + table.due()
                    + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)";
        }
    },
    STANDARD {
        @Override
        String claim(OutboxTable table) {
            return "UPDATE " + table.name + " SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
                    + " WHERE id IN (SELECT id FROM " + table.name + " WHERE " + table.due()
                    + " ORDER BY id LIMIT ?) AND " + table.due();
        }
    };

    /**
     * The claim: parameters claim token, lease end, now, now, limit, and for {@link #STANDARD} also
     * now, now again.
     */
    abstract String claim(OutboxTable table);

    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("postgresql") ? POSTGRESQL : STANDARD;
    }
}
