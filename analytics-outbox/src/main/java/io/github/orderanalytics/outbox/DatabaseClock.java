package io.github.orderanalytics.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's time, as this node reads it: the node's clock plus the offset last measured against
 * the database. Every time the outbox keeps (due times, leases, when a row died) is the database's, so
 * nodes whose clocks disagree still agree on them: a node minutes ahead cannot take rows another relay
 * holds, and a node a day ahead cannot hide its retries from every other relay for a day. The rows'
 * own {@code created_at} and first due time are the database's {@code CURRENT_TIMESTAMP}.
 *
 * <p>{@link #instant()} never touches the database; {@link #refreshIfDue()} measures again, at most
 * once a {@link #REFRESH}, from where a connection may be taken.
 */
final class DatabaseClock extends Clock {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.outbox");

    /** How often the offset is measured again: clocks drift slowly, and NTP steps them seldom. */
    static final Duration REFRESH = Duration.ofMinutes(1);

    private final Clock local;
    private final DataSource dataSource;
    private final KnownDialect dialect;
    private volatile Duration offset = Duration.ZERO;
    private volatile long measuredAtNanos;
    private volatile boolean measured;

    DatabaseClock(Clock local, DataSource dataSource, KnownDialect dialect) {
        this.local = local;
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** The database's dialect, shared by all that read this database's time. */
    KnownDialect dialect() {
        return dialect;
    }

    /**
     * Measures the offset if it never was or was a {@link #REFRESH} ago. A database that cannot be
     * reached keeps the last offset: whatever needed the time will fail on the same database anyway.
     */
    void refreshIfDue() {
        if (measured && System.nanoTime() - measuredAtNanos < REFRESH.toNanos()) {
            return;
        }
        try {
            measure();
        } catch (SQLException | RuntimeException e) {
            log.debug("order-analytics outbox could not read the database's clock; keeping offset {}", offset, e);
        }
    }

    private void measure() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Dialect known = dialect.of(c);
            try (PreparedStatement s = c.prepareStatement(known.currentTimeQuery())) {
                Instant before = local.instant();
                Instant database;
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    database = known.time(r, 1);
                }
                Instant after = local.instant();
                Instant middle = before.plus(Duration.between(before, after).dividedBy(2));
                offset = Duration.between(middle, database);
                measuredAtNanos = System.nanoTime();
                measured = true;
            }
        }
    }

    @Override
    public Instant instant() {
        return local.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
