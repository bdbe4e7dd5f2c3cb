package io.github.orderanalytics.outbox;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What differs between the databases the outbox supports: how a relay claims rows, how a set of ids is
 * one parameter, and how times and uuids are bound. The claim leases rows with lease columns and returns
 * them. On PostgreSQL it skips rows another relay has locked, so relays never wait on each other; on H2
 * it re-checks the lease on each row it updates, so two relays that picked the same rows do not both get
 * them; MySQL and MariaDB have no {@code UPDATE ... RETURNING}, so there the claim reads the due rows it
 * can lock ({@code FOR UPDATE SKIP LOCKED}) and leases them by id, in the same short transaction.
 * Callers never ask which database they are on.
 */
enum Dialect {
    POSTGRESQL("schema-postgresql.sql", "CURRENT_TIMESTAMP") {
        @Override
        List<Claimed> claim(Connection c, String table, Lease lease) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(SQL_CLAIM_POSTGRESQL.formatted(table, table))) {
                bindLease(s, lease);
                return claimed(s);
            }
        }
    },
    H2("schema-h2.sql", "CURRENT_TIMESTAMP") {
        @Override
        List<Claimed> claim(Connection c, String table, Lease lease) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(SQL_CLAIM_H2.formatted(table, table))) {
                bindLease(s, lease);
                setTime(s, 6, lease.now()); // the due check again, on each row the update takes
                setTime(s, 7, lease.now());
                return claimed(s);
            }
        }
    },
    /** MySQL 8.0+ and MariaDB 10.6+: both have {@code SKIP LOCKED}, neither has {@code RETURNING}. */
    MYSQL("schema-mysql.sql", "UTC_TIMESTAMP(6)") {
        /**
         * Two statements: the due rows are locked and read, as the lease will leave them, then leased by
         * id; nothing is read back, and an idle poll is one query.
         */
        @Override
        List<Claimed> claim(Connection c, String table, Lease lease) throws SQLException {
            List<Claimed> locked;
            try (PreparedStatement due = c.prepareStatement(SQL_DUE_MYSQL.formatted(table))) {
                setTime(due, 1, lease.now());
                setTime(due, 2, lease.now());
                due.setInt(3, lease.limit());
                locked = claimed(due);
            }
            if (!locked.isEmpty()) { // locked until the caller's transaction ends, so the lease is on these rows
                try (PreparedStatement update =
                        c.prepareStatement(SQL_LEASE_MYSQL.formatted(table, placeholders(locked.size())))) {
                    update.setString(1, lease.token());
                    setTime(update, 2, lease.until());
                    for (int i = 0; i < locked.size(); i++) {
                        update.setLong(3 + i, locked.get(i).id());
                    }
                    update.executeUpdate();
                }
            }
            return locked;
        }

        @Override
        PreparedStatement prepareForIds(Connection c, String template, long[] ids) throws SQLException {
            // No array parameters: one placeholder per id.
            PreparedStatement s = c.prepareStatement(template.formatted("IN (" + placeholders(ids.length) + ")"));
            for (int i = 0; i < ids.length; i++) {
                s.setLong(i + 1, ids[i]);
            }
            return s;
        }

        @Override
        int parameterAfterIds(int count) {
            return count + 1;
        }

        /**
         * DATETIME(6) in UTC, as text: no session time zone converts it, and no driver drops the
         * microseconds (mysql-connector-j does on MariaDB, which it takes for MySQL 5.5, so a retry
         * due in 400 ms would be due at once).
         */
        @Override
        void setTime(PreparedStatement s, int parameter, Instant time) throws SQLException {
            s.setString(parameter, DATETIME.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC)));
        }

        @Override
        Instant time(ResultSet r, int column) throws SQLException {
            // ISO's reader takes any fraction, or none, once the date and time are joined by a 'T'.
            return LocalDateTime.parse(notNull(r.getString(column), column).replace(' ', 'T'))
                    .toInstant(ZoneOffset.UTC);
        }

        @Override
        void setUuid(PreparedStatement s, int parameter, UUID uuid) throws SQLException {
            s.setString(parameter, uuid.toString());
        }

        @Override
        UUID uuid(ResultSet r, int column) throws SQLException {
            return UUID.fromString(r.getString(column));
        }
    };

    /** What the claim needs: who claims, until when, the time it is now, and at most how many rows. */
    record Lease(String token, Instant until, Instant now, int limit) {}

    /**
     * A row as the claim leased it, without its payload, whose size decides whether the round keeps the
     * row: {@code attempts} counts this claim.
     */
    record Claimed(long id, UUID uuid, Instant eventTime, int attempts, long bytes) {}

    /** MySQL's DATETIME(6) text. */
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    /** What a claim reads of each row, as {@link Claimed} holds it. */
    private static final String CLAIMED_COLUMNS = "id, event_uuid, event_time, attempts, OCTET_LENGTH(payload)";

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

    /** The due rows this relay can lock, with the attempt the lease below counts. */
    private static final String SQL_DUE_MYSQL = "SELECT id, event_uuid, event_time, attempts + 1, OCTET_LENGTH(payload)"
            + " FROM %s WHERE " + DUE + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED";

    /** The lease on the rows just locked; their ids are an {@code IN} list after the lease's two parameters. */
    private static final String SQL_LEASE_MYSQL =
            "UPDATE %s SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1 WHERE id IN (%s)";

    private final String ddlFile;
    private final String now;

    Dialect(String ddlFile, String now) {
        this.ddlFile = ddlFile;
        this.now = now;
    }

    /**
     * The database's current time as SQL, of the type the time columns have: the writer's rows take
     * their times from it, so that no node's clock decides when a row is due.
     */
    String now() {
        return now;
    }

    /** Reads the database's current time, for {@link DatabaseClock}. */
    String currentTimeQuery() {
        return "SELECT " + now;
    }

    /** The shipped DDL, next to the module's classes. */
    String ddlFile() {
        return ddlFile;
    }

    /** Leases due rows in the caller's transaction and returns them, in no particular order. */
    abstract List<Claimed> claim(Connection c, String table, Lease lease) throws SQLException;

    /** The rows of a query on {@link #CLAIMED_COLUMNS}. */
    final List<Claimed> claimed(PreparedStatement s) throws SQLException {
        List<Claimed> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new Claimed(r.getLong(1), uuid(r, 2), time(r, 3), r.getInt(4), r.getLong(5)));
            }
        }
        return rows;
    }

    /** The lease's token, end, now, now and limit, as the one-statement claims take them. */
    final void bindLease(PreparedStatement s, Lease lease) throws SQLException {
        s.setString(1, lease.token());
        setTime(s, 2, lease.until());
        setTime(s, 3, lease.now());
        setTime(s, 4, lease.now());
        s.setInt(5, lease.limit());
    }

    /**
     * Prepares {@code template}, whose {@code %s} says which ids (its first parameter), with {@code ids}
     * bound to it: one array parameter ({@code = ANY (?)}) here; the next parameter is {@link
     * #parameterAfterIds(int)}.
     */
    PreparedStatement prepareForIds(Connection c, String template, long[] ids) throws SQLException {
        PreparedStatement s = c.prepareStatement(template.formatted("= ANY (?)"));
        Object[] boxed = new Object[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        s.setArray(1, c.createArrayOf("BIGINT", boxed));
        return s;
    }

    /** The index of the parameter after {@code count} ids bound by {@link #prepareForIds}. */
    int parameterAfterIds(int count) {
        return 2;
    }

    /** Binds a point in time. */
    void setTime(PreparedStatement s, int parameter, Instant time) throws SQLException {
        s.setObject(parameter, time.atOffset(ZoneOffset.UTC));
    }

    /** Reads a point in time: every time column of the outbox is NOT NULL. */
    Instant time(ResultSet r, int column) throws SQLException {
        return notNull(r.getObject(column, OffsetDateTime.class), column).toInstant();
    }

    private static <T> T notNull(@Nullable T value, int column) throws SQLException {
        if (value == null) {
            throw new SQLException("column " + column + " of an outbox row is NULL; the outbox's times are NOT NULL");
        }
        return value;
    }

    void setUuid(PreparedStatement s, int parameter, UUID uuid) throws SQLException {
        s.setObject(parameter, uuid);
    }

    UUID uuid(ResultSet r, int column) throws SQLException {
        return r.getObject(column, UUID.class);
    }

    /** One {@code ?} an id, comma-separated; {@code NULL}, which matches no row, for none. */
    private static String placeholders(int count) {
        return count == 0 ? "NULL" : "?, ".repeat(count - 1) + "?";
    }

    /**
     * The database's dialect.
     *
     * @throws IllegalStateException naming the databases and versions supported, and what was found
     */
    static Dialect of(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName();
        String version = meta.getDatabaseProductVersion();
        String lower = product.toLowerCase(Locale.ROOT);
        if (lower.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (lower.equals("h2")) {
            return H2;
        }
        if (lower.equals("mysql") || lower.equals("mariadb")) {
            // mysql-connector-j calls a MariaDB server MySQL; the server's version says which it is
            Matcher mariadbVersion = MARIADB_VERSION.matcher(version);
            boolean mariadb = mariadbVersion.find();
            int major = mariadb ? Integer.parseInt(mariadbVersion.group(1)) : meta.getDatabaseMajorVersion();
            int minor = mariadb ? Integer.parseInt(mariadbVersion.group(2)) : meta.getDatabaseMinorVersion();
            mariadb |= lower.equals("mariadb");
            if (mariadb ? major > 10 || major == 10 && minor >= 6 : major >= 8) {
                return MYSQL;
            }
        }
        throw new IllegalStateException(
                "order-analytics outbox supports " + SUPPORTED + ", not " + product + " " + version);
    }

    /** A MariaDB server's own version in its version text, after any MySQL-compatible "5.5.5-" prefix. */
    private static final Pattern MARIADB_VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+-MariaDB");

    /** The databases and versions the outbox runs on, for messages. */
    static final String SUPPORTED = "PostgreSQL 12+, MySQL 8.0+, MariaDB 10.6+ and H2 2.x";
}
