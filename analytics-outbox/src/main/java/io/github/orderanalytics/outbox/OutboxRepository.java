package io.github.orderanalytics.outbox;

import io.github.orderanalytics.posthog.Backoff;
import io.github.orderanalytics.posthog.EncodedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's view of the outbox table: the claim, the recording of outcomes, the release after an
 * interrupted request, and the counts. Each runs in a short transaction of its own. The statements
 * are named templates, formatted once for the table's name.
 */
final class OutboxRepository {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.outbox");

    /** Deletes the rows whose ids are in the array parameter, in one statement. */
    private static final String SQL_DELETE = "DELETE FROM %s WHERE id = ANY (?)";

    private static final String SQL_RESCHEDULE = "UPDATE %s"
            + " SET claimed_by = NULL, claimed_until = NULL, next_attempt_at = ?, last_error = ?"
            + " WHERE id = ? AND claimed_by = ?";

    private static final String SQL_MARK_DEAD = "UPDATE %s"
            + " SET claimed_by = NULL, claimed_until = NULL, dead_at = ?, dead_reason = ?"
            + " WHERE id = ? AND claimed_by = ?";

    private static final String SQL_COUNT_PENDING = "SELECT COUNT(*), MIN(created_at) FROM %s WHERE dead_at IS NULL";

    private static final String SQL_COUNT_DEAD = "SELECT COUNT(*) FROM %s WHERE dead_at IS NOT NULL";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final int batchSize;
    private final Duration lease;
    private final Backoff backoff;
    private final Clock clock;

    private final String claim;
    private final String delete;
    private final String reschedule;
    private final String markDead;
    private final String countPending;
    private final String countDead;

    OutboxRepository(
            DataSource dataSource,
            OutboxTable table,
            Dialect dialect,
            int batchSize,
            Duration lease,
            Backoff backoff,
            Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.batchSize = batchSize;
        this.lease = lease;
        this.backoff = backoff;
        this.clock = clock;
        this.claim = dialect.claim(table.name);
        this.delete = SQL_DELETE.formatted(table.name);
        this.reschedule = SQL_RESCHEDULE.formatted(table.name);
        this.markDead = SQL_MARK_DEAD.formatted(table.name);
        this.countPending = SQL_COUNT_PENDING.formatted(table.name);
        this.countDead = SQL_COUNT_DEAD.formatted(table.name);
    }

    /** Takes due rows for {@code token}, in one statement that returns them, committed at once. */
    List<Row> claim(String token) throws SQLException {
        Instant now = clock.instant();
        List<Row> rows = inTransaction(c -> {
            List<Row> claimed = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(claim)) {
                dialect.bindClaim(s, token, utc(now.plus(lease)), utc(now), batchSize);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        claimed.add(new Row(
                                r.getLong(1),
                                new EncodedEvent(
                                        r.getObject(2, UUID.class),
                                        r.getObject(3, OffsetDateTime.class).toInstant(),
                                        r.getString(4)),
                                r.getInt(5)));
                    }
                }
            }
            return claimed;
        });
        rows.sort(Comparator.comparingLong(Row::id)); // RETURNING gives no order
        return rows;
    }

    /** Deletes delivered rows, reschedules retries and marks refused rows dead, in one transaction. */
    RelayRound record(List<Row> rows, List<EncodedEvent.Outcome> outcomes, String token) throws SQLException {
        Instant now = clock.instant();
        return inTransaction(c -> {
            int deliveredNow = 0;
            int retryNow = 0;
            int deadNow = 0;
            List<Long> acknowledged = new ArrayList<>();
            try (PreparedStatement deleting = c.prepareStatement(delete);
                    PreparedStatement rescheduling = c.prepareStatement(reschedule);
                    PreparedStatement markingDead = c.prepareStatement(markDead)) {
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    EncodedEvent.Outcome outcome = outcomes.get(i);
                    switch (outcome.result()) {
                        case DELIVERED -> {
                            acknowledged.add(row.id);
                            deliveredNow++;
                        }
                        case RETRY -> {
                            rescheduling.setObject(1, utc(now.plus(backoff.delay(row.attempts, outcome.retryAfter()))));
                            rescheduling.setString(2, shorten(outcome.detail()));
                            rescheduling.setLong(3, row.id);
                            rescheduling.setString(4, token);
                            rescheduling.addBatch();
                            retryNow++;
                        }
                        case REJECTED -> {
                            markingDead.setObject(1, utc(now));
                            markingDead.setString(2, shorten("PostHog refused the event: " + outcome.detail()));
                            markingDead.setLong(3, row.id);
                            markingDead.setString(4, token);
                            markingDead.addBatch();
                            deadNow++;
                        }
                    }
                }
                if (deliveredNow > 0) {
                    deleting.setArray(1, c.createArrayOf("BIGINT", acknowledged.toArray()));
                    deleting.executeUpdate();
                }
                if (retryNow > 0) {
                    rescheduling.executeBatch();
                }
                if (deadNow > 0) {
                    markingDead.executeBatch();
                }
            }
            return new RelayRound(rows.size(), deliveredNow, retryNow, deadNow);
        });
    }

    /** Statements to run in one transaction of their own. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in a short transaction of its own at READ COMMITTED, whatever the pool's
     * default: under REPEATABLE READ or SERIALIZABLE, PostgreSQL refuses a claim whose rows another
     * relay changed since its snapshot, and relays would back off instead of skipping each other. The
     * connection is given back as it came. A failure to roll back or to restore the connection never
     * hides the failure that caused it: it is added to that one, suppressed.
     */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            Throwable failure = null;
            try {
                c.setAutoCommit(false);
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                failure = e;
                try {
                    c.rollback();
                } catch (SQLException | RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            } finally {
                restore(c, autoCommit, isolation, failure);
            }
        }
    }

    /** After a commit, a connection that cannot be restored is the pool's to discard, not a failed round. */
    private static void restore(Connection c, boolean autoCommit, int isolation, Throwable failure) {
        try {
            if (c.getTransactionIsolation() != isolation) {
                c.setTransactionIsolation(isolation);
            }
            c.setAutoCommit(autoCommit);
        } catch (SQLException | RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                log.warn("order-analytics outbox could not restore a connection's auto-commit and isolation", e);
            }
        }
    }

    /** Gives rows back at once, after an interrupted request. */
    void release(List<Row> rows, String token) {
        try {
            inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement(reschedule)) {
                    for (Row row : rows) {
                        s.setObject(1, utc(clock.instant()));
                        s.setString(2, "relay stopped during the request");
                        s.setLong(3, row.id);
                        s.setString(4, token);
                        s.addBatch();
                    }
                    return s.executeBatch();
                }
            });
        } catch (SQLException | RuntimeException e) {
            log.warn("order-analytics outbox relay could not release its rows; they wait out the lease", e);
        }
    }

    /** Rows waiting and dead rows, and the oldest waiting row's age. */
    OutboxStats counts(long delivered, long rescheduled, long markedDead) throws SQLException {
        long pending;
        Optional<Duration> oldest = Optional.empty();
        long dead;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(countPending);
                    ResultSet r = s.executeQuery()) {
                r.next();
                pending = r.getLong(1);
                OffsetDateTime first = r.getObject(2, OffsetDateTime.class);
                if (first != null) {
                    Duration age = Duration.between(first.toInstant(), clock.instant());
                    oldest = Optional.of(age.isNegative() ? Duration.ZERO : age);
                }
            }
            try (PreparedStatement s = c.prepareStatement(countDead);
                    ResultSet r = s.executeQuery()) {
                r.next();
                dead = r.getLong(1);
            }
        }
        return new OutboxStats(pending, oldest, dead, delivered, rescheduled, markedDead);
    }

    private static String shorten(String text) {
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A claimed row. */
    record Row(long id, EncodedEvent event, int attempts) {}
}
