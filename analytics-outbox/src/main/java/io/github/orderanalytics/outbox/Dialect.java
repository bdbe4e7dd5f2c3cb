package io.github.orderanalytics.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * How a relay claims rows on each database it supports: with lease columns, in one statement that
 * also returns the rows. On PostgreSQL the claim skips rows another relay has locked, so relays
 * never wait on each other; on H2 it re-checks the lease on each row it updates, so two relays that
 * picked the same rows do not both get them. Each dialect binds its own claim's parameters, so
 * callers never ask which database they are on.
 */
enum Dialect {
    POSTGRESQL("schema-postgresql.sql") {
        @Override
        String claim(String table) {
            return SQL_CLAIM_POSTGRESQL.formatted(table, table);
        }
    },
    H2("schema-h2.sql") {
        @Override
        String claim(String table) {
            return SQL_CLAIM_H2.formatted(table, table);
        }

        /** The due check again, on each row the update takes. */
        @Override
        void bindLeaseRecheck(PreparedStatement s, OffsetDateTime now) throws SQLException {
            s.setObject(6, now);
            s.setObject(7, now);
        }
    };

    /**
     * What a claim returns of each row, in this order: everything but the payload, whose size decides
     * how many of the claimed rows one round keeps (the payloads are read afterwards, for those only).
     */
    static final String CLAIMED_COLUMNS = "id, event_uuid, event_time, attempts, OCTET_LENGTH(payload)";

    /** Due rows not held by a live claim; parameters now, now. */
    private static final String DUE =
            "dead_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)";

    private static final String SQL_CLAIM_POSTGRESQL = "UPDATE %s"
            + " SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
            + " WHERE id IN (SELECT id FROM %s WHERE " + DUE
            + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
            + " RETURNING " + CLAIMED_COLUMNS;

    private static final String SQL_CLAIM_H2 = "SELECT " + CLAIMED_COLUMNS + " FROM FINAL TABLE (UPDATE %s"
            + " SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
            + " WHERE id IN (SELECT id FROM %s WHERE " + DUE + " ORDER BY next_attempt_at, id LIMIT ?)"
            + " AND " + DUE + ")";

    private final String ddlFile;

    Dialect(String ddlFile) {
        this.ddlFile = ddlFile;
    }

    /** The shipped DDL, next to the module's classes. */
    String ddlFile() {
        return ddlFile;
    }

    /** The claim on {@code table}, returning {@link #CLAIMED_COLUMNS}. */
    abstract String claim(String table);

    /** Binds every parameter of {@link #claim(String)}: who claims, until when, the due check's now, now, how many. */
    final void bindClaim(PreparedStatement s, String token, OffsetDateTime leaseEnd, OffsetDateTime now, int limit)
            throws SQLException {
        s.setString(1, token);
        s.setObject(2, leaseEnd);
        s.setObject(3, now);
        s.setObject(4, now);
        s.setInt(5, limit);
        bindLeaseRecheck(s, now);
    }

    /** Where the claim checks the lease again on each row it updates (H2), its parameters. */
    void bindLeaseRecheck(PreparedStatement s, OffsetDateTime now) throws SQLException {}

    /** The database's dialect, or empty if the outbox does not support it. */
    static Optional<Dialect> of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        return product.equals("h2") ? Optional.of(H2) : Optional.empty();
    }
}
