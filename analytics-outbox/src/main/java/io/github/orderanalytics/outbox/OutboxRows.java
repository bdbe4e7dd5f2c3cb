package io.github.orderanalytics.outbox;

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
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay's statements against the outbox table: the claim, the recording of outcomes, the release
 * after an interrupted request, and the counts. Each runs in a short transaction of its own.
 */
final class OutboxRows {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.outbox");

    private final DataSource dataSource;
    private final OutboxTable table;
    private final Dialect dialect;
    private final int batchSize;
    private final Duration lease;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;

    OutboxRows(
            DataSource dataSource,
            OutboxTable table,
            Dialect dialect,
            int batchSize,
            Duration lease,
            Duration initialBackoff,
            Duration maxBackoff,
            Clock clock) {
        this.dataSource = dataSource;
        this.table = table;
        this.dialect = dialect;
        this.batchSize = batchSize;
        this.lease = lease;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
    }

    /** Takes due rows for {@code token}, in one statement that returns them, committed at once. */
    List<Row> claim(String token) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<Row> rows = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(dialect.claim(table))) {
                    s.setString(1, token);
                    s.setObject(2, utc(now.plus(lease)));
                    s.setObject(3, utc(now));
                    s.setObject(4, utc(now));
                    s.setInt(5, batchSize);
                    if (dialect == Dialect.H2) {
                        s.setObject(6, utc(now));
                        s.setObject(7, utc(now));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            rows.add(new Row(
                                    r.getLong(1),
                                    new EncodedEvent(
                                            r.getObject(2, UUID.class),
                                            r.getObject(3, OffsetDateTime.class).toInstant(),
                                            r.getString(4)),
                                    r.getInt(5)));
                        }
                    }
                }
                c.commit();
                rows.sort(Comparator.comparingLong(Row::id)); // RETURNING gives no order
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** Deletes delivered rows, reschedules retries and marks rejected rows, in one transaction. */
    RelayRound record(List<Row> rows, List<EncodedEvent.Outcome> outcomes, String token) throws SQLException {
        Instant now = clock.instant();
        int deliveredNow = 0;
        int retryNow = 0;
        int deadNow = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            List<Long> acknowledged = new ArrayList<>();
            try (PreparedStatement delete = c.prepareStatement(table.delete());
                    PreparedStatement reschedule = c.prepareStatement(table.reschedule());
                    PreparedStatement bury = c.prepareStatement(table.bury())) {
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    EncodedEvent.Outcome outcome = outcomes.get(i);
                    switch (outcome.result()) {
                        case DELIVERED -> {
                            acknowledged.add(row.id);
                            deliveredNow++;
                        }
                        case RETRY -> {
                            reschedule.setObject(1, utc(now.plus(backoff(row.attempts, outcome.retryAfter()))));
                            reschedule.setString(2, shorten(outcome.detail()));
                            reschedule.setLong(3, row.id);
                            reschedule.setString(4, token);
                            reschedule.addBatch();
                            retryNow++;
                        }
                        case REJECTED -> {
                            bury.setObject(1, utc(now));
                            bury.setString(2, shorten("PostHog refused the event: " + outcome.detail()));
                            bury.setLong(3, row.id);
                            bury.setString(4, token);
                            bury.addBatch();
                            deadNow++;
                        }
                    }
                }
                if (deliveredNow > 0) {
                    delete.setArray(1, c.createArrayOf("BIGINT", acknowledged.toArray()));
                    delete.executeUpdate();
                }
                if (retryNow > 0) {
                    reschedule.executeBatch();
                }
                if (deadNow > 0) {
                    bury.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
        return new RelayRound(rows.size(), deliveredNow, retryNow, deadNow);
    }

    /** Gives rows back at once, after an interrupted request. */
    void release(List<Row> rows, String token) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(table.reschedule())) {
            for (Row row : rows) {
                s.setObject(1, utc(clock.instant()));
                s.setString(2, "relay stopped during the request");
                s.setLong(3, row.id);
                s.setString(4, token);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            log.warn("order-analytics outbox relay could not release its rows; they wait out the lease", e);
        }
    }

    /** Rows waiting and dead rows, and the oldest waiting row's age. */
    OutboxStats counts(long delivered, long rescheduled, long rejected) throws SQLException {
        long pending;
        Optional<Duration> oldest = Optional.empty();
        long dead;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(table.pending());
                    ResultSet r = s.executeQuery()) {
                r.next();
                pending = r.getLong(1);
                OffsetDateTime first = r.getObject(2, OffsetDateTime.class);
                if (first != null) {
                    Duration age = Duration.between(first.toInstant(), clock.instant());
                    oldest = Optional.of(age.isNegative() ? Duration.ZERO : age);
                }
            }
            try (PreparedStatement s = c.prepareStatement(table.dead());
                    ResultSet r = s.executeQuery()) {
                r.next();
                dead = r.getLong(1);
            }
        }
        return new OutboxStats(pending, oldest, dead, delivered, rescheduled, rejected);
    }

    /** Exponential in the attempts with jitter, capped, and never shorter than PostHog's Retry-After. */
    Duration backoff(int attempts, Optional<Duration> retryAfter) {
        long initial = initialBackoff.toMillis();
        long max = maxBackoff.toMillis();
        long exponential = initial << Math.min(Math.max(attempts - 1, 0), 30);
        long capped = exponential <= 0 ? max : Math.min(exponential, max);
        long delay = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        if (retryAfter.isPresent()) {
            delay = Math.max(delay, retryAfter.get().toMillis());
        }
        return Duration.ofMillis(delay);
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
