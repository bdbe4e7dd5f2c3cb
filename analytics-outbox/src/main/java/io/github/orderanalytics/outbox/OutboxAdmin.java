package io.github.orderanalytics.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Operating the outbox table without SQL: what waits, the dead rows (PostHog refused them for good),
 * sending them again, and purging old ones. Plain JDBC, each call a short statement of its own; any
 * instance may use it, whether it runs a relay or not.
 *
 * <pre>{@code
 * OutboxAdmin admin = OutboxAdmin.create(dataSource);
 * admin.backlog();                        // pending, the oldest one's age, dead
 * admin.deadRows(0, 50);                  // the first 50 dead rows, oldest first, without payloads
 * admin.deadRowPayload(row.id());         // one row's event, as it was sent
 * admin.resubmit(List.of(uuid));          // send these again, with the next relay round
 * admin.purgeDead(Duration.ofDays(30));   // delete dead rows older than 30 days
 * }</pre>
 *
 * <p>A resubmitted row is sent as it was written: resubmit once the cause is fixed (PostHog refuses
 * the same event again otherwise). Nothing here deletes a row that still waits to be delivered.
 *
 * @since 0.1.0
 */
public final class OutboxAdmin {
    /** The most dead rows one page lists. */
    public static final int MAX_PAGE = 1_000;

    private static final String SQL_COUNT_PENDING = "SELECT COUNT(*) FROM %s WHERE dead_at IS NULL";

    /** Ids grow with time: the oldest waiting row is the first by id, found through the primary key. */
    private static final String SQL_OLDEST_PENDING =
            "SELECT created_at FROM %s WHERE dead_at IS NULL ORDER BY id LIMIT 1";

    private static final String SQL_COUNT_DEAD = "SELECT COUNT(*) FROM %s WHERE dead_at IS NOT NULL";

    private static final String SQL_LIST_DEAD =
            "SELECT id, event_uuid, event_time, created_at, attempts, dead_at, dead_reason, OCTET_LENGTH(payload)"
                    + " FROM %s WHERE dead_at IS NOT NULL ORDER BY dead_at, id LIMIT ? OFFSET ?";

    private static final String SQL_DEAD_PAYLOAD = "SELECT payload FROM %s WHERE id = ? AND dead_at IS NOT NULL";

    private static final String SQL_RESUBMIT_ALL = "UPDATE %s"
            + " SET dead_at = NULL, dead_reason = NULL, next_attempt_at = ?, last_error = ?"
            + " WHERE dead_at IS NOT NULL";

    private static final String SQL_RESUBMIT_ONE = SQL_RESUBMIT_ALL + " AND event_uuid = ?";

    private static final String SQL_PURGE_DEAD = "DELETE FROM %s WHERE dead_at IS NOT NULL AND dead_at < ?";

    private final DataSource dataSource;
    private final OutboxTable table;
    /** The database's time: ages, resubmissions and purges go by it, as the rows' times do. */
    private final DatabaseClock clock;

    private final String countPending;
    private final String oldestPending;
    private final String countDead;
    private final String listDead;
    private final String deadPayload;
    private final String resubmitAll;
    private final String resubmitOne;
    private final String purgeDead;

    private OutboxAdmin(DataSource dataSource, OutboxTable table, DatabaseClock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.table = table;
        this.clock = clock;
        this.countPending = SQL_COUNT_PENDING.formatted(table.name);
        this.oldestPending = SQL_OLDEST_PENDING.formatted(table.name);
        this.countDead = SQL_COUNT_DEAD.formatted(table.name);
        this.listDead = SQL_LIST_DEAD.formatted(table.name);
        this.deadPayload = SQL_DEAD_PAYLOAD.formatted(table.name);
        this.resubmitAll = SQL_RESUBMIT_ALL.formatted(table.name);
        this.resubmitOne = SQL_RESUBMIT_ONE.formatted(table.name);
        this.purgeDead = SQL_PURGE_DEAD.formatted(table.name);
    }

    /** For the table {@code order_analytics_outbox}. */
    public static OutboxAdmin create(DataSource dataSource) {
        return create(dataSource, OutboxTable.DEFAULT_NAME);
    }

    /** For {@code table}, schema-qualified if need be. */
    public static OutboxAdmin create(DataSource dataSource, String table) {
        Objects.requireNonNull(dataSource, "dataSource == null");
        return new OutboxAdmin(
                dataSource,
                new OutboxTable(table),
                new DatabaseClock(Clock.systemUTC(), dataSource, new KnownDialect()));
    }

    /** Sharing a relay's clock of the database. */
    static OutboxAdmin create(DataSource dataSource, String table, DatabaseClock clock) {
        return new OutboxAdmin(dataSource, new OutboxTable(table), clock);
    }

    /** Rows waiting, the oldest one's age, and dead rows: three indexed reads. */
    public OutboxBacklog backlog() throws SQLException {
        clock.refreshIfDue();
        try (Connection c = dataSource.getConnection()) {
            long pending = count(c, countPending);
            Optional<Duration> oldest = Optional.empty();
            try (PreparedStatement s = c.prepareStatement(oldestPending);
                    ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    Duration age = Duration.between(clock.dialect().of(c).time(r, 1), clock.instant());
                    oldest = Optional.of(age.isNegative() ? Duration.ZERO : age);
                }
            }
            return new OutboxBacklog(pending, oldest, count(c, countDead));
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Dead rows, oldest first: {@code limit} of them (1 to {@link #MAX_PAGE}) after skipping
     * {@code offset}.
     */
    public List<DeadRow> deadRows(int offset, int limit) throws SQLException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", was " + limit);
        }
        List<DeadRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(listDead)) {
            Dialect dialect = clock.dialect().of(c);
            s.setInt(1, limit);
            s.setInt(2, offset);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new DeadRow(
                            r.getLong(1),
                            dialect.uuid(r, 2),
                            dialect.time(r, 3),
                            dialect.time(r, 4),
                            r.getInt(5),
                            dialect.time(r, 6),
                            r.getString(7),
                            r.getLong(8)));
                }
            }
        }
        return rows;
    }

    /**
     * The event of dead row {@code id} ({@link DeadRow#id()}) exactly as it was sent, if that row is dead:
     * it holds the order's properties, so show it only where those may be seen.
     */
    public Optional<String> deadRowPayload(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(deadPayload)) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Every dead row becomes due again now; returns how many did. */
    public int resubmitAll() throws SQLException {
        clock.refreshIfDue();
        return ShortTransaction.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(resubmitAll)) {
                bindResubmit(s, clock.dialect().of(c));
                return s.executeUpdate();
            }
        });
    }

    /** The dead rows of these event uuids become due again now; returns how many did. */
    public int resubmit(Collection<UUID> eventUuids) throws SQLException {
        Objects.requireNonNull(eventUuids, "eventUuids == null");
        if (eventUuids.isEmpty()) {
            return 0;
        }
        clock.refreshIfDue();
        return ShortTransaction.run(dataSource, c -> {
            Dialect dialect = clock.dialect().of(c);
            try (PreparedStatement s = c.prepareStatement(resubmitOne)) {
                for (UUID uuid : eventUuids) {
                    bindResubmit(s, dialect);
                    dialect.setUuid(s, 3, Objects.requireNonNull(uuid, "a uuid == null"));
                    s.addBatch();
                }
                int resubmitted = 0;
                for (int n : s.executeBatch()) {
                    resubmitted += Math.max(n, 0);
                }
                return resubmitted;
            }
        });
    }

    private void bindResubmit(PreparedStatement s, Dialect dialect) throws SQLException {
        dialect.setTime(s, 1, clock.instant());
        s.setString(2, "resubmitted after PostHog refused it");
    }

    /**
     * Deletes dead rows that died more than {@code olderThan} ago; returns how many. Rows still
     * waiting to be delivered are never deleted.
     */
    public int purgeDead(Duration olderThan) throws SQLException {
        Objects.requireNonNull(olderThan, "olderThan == null");
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must not be negative, was " + olderThan);
        }
        clock.refreshIfDue();
        Instant before = clock.instant().minus(olderThan);
        return ShortTransaction.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(purgeDead)) {
                clock.dialect().of(c).setTime(s, 1, before);
                return s.executeUpdate();
            }
        });
    }

    /** The table this administers. */
    public String table() {
        return table.name;
    }

    @Override
    public String toString() {
        return "OutboxAdmin{table=" + table.name + "}";
    }
}
