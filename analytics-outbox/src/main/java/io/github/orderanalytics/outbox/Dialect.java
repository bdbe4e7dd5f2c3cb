package io.github.orderanalytics.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * How a relay claims rows on each database it supports: with lease columns, in one statement that
 * also returns the rows. On PostgreSQL the claim skips rows another relay has locked, so relays
 * never wait on each other; on H2 it re-checks the lease on each row it updates, so two relays that
 * picked the same rows do not both get them.
 */
enum Dialect {
    POSTGRESQL("schema-postgresql.sql") {
        @Override
        String claim(OutboxTable table) {
            return "UPDATE " + table.name + " SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
                    + " WHERE id IN (SELECT id FROM " + table.name + " WHERE " + table.due()
                    + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
                    + " RETURNING " + CLAIMED_COLUMNS;
        }
    },
    H2("schema-h2.sql") {
        @Override
        String claim(OutboxTable table) {
            return "SELECT " + CLAIMED_COLUMNS + " FROM FINAL TABLE (UPDATE " + table.name
                    + " SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
                    + " WHERE id IN (SELECT id FROM " + table.name + " WHERE " + table.due()
                    + " ORDER BY next_attempt_at, id LIMIT ?) AND " + table.due() + ")";
        }
    };

    private final String ddlFile;

    Dialect(String ddlFile) {
        this.ddlFile = ddlFile;
    }

    /** The shipped DDL, next to the module's classes. */
    String ddlFile() {
        return ddlFile;
    }

    /** What a claim returns of each row, in this order. */
    static final String CLAIMED_COLUMNS = "id, event_uuid, event_time, payload, attempts";

    /**
     * The claim, returning {@link #CLAIMED_COLUMNS}: parameters claim token, lease end, now, now,
     * limit, and for {@link #H2} also now, now again.
     */
    abstract String claim(OutboxTable table);

    /** The database's dialect, or empty if the outbox does not support it. */
    static Optional<Dialect> of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        return product.equals("h2") ? Optional.of(H2) : Optional.empty();
    }
}
