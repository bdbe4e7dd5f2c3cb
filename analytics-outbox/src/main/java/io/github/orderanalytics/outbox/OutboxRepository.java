package io.github.orderanalytics.outbox;

import io.github.orderanalytics.outbox.Dialect.Claimed;
import io.github.orderanalytics.posthog.Backoff;
import io.github.orderanalytics.posthog.EncodedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's view of the outbox table: the claim, the recording of outcomes, and the release after
 * an interrupted request. Each runs in a short transaction of its own. The statements
 * are named templates, formatted once for the table's name.
 */
final class OutboxRepository {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.outbox");

    // Statements on a set of rows end their table's %s with %%s, where the dialect puts how a set of ids is
    // one parameter (Dialect.prepareForIds).

    /** Deletes the rows whose ids are the first parameter, in one statement. */
    private static final String SQL_DELETE = "DELETE FROM %s WHERE id %%s";

    private static final String SQL_RESCHEDULE = "UPDATE %s"
            + " SET claimed_by = NULL, claimed_until = NULL, next_attempt_at = ?, last_error = ?"
            + " WHERE id = ? AND claimed_by = ?";

    /** Gives claimed rows back at once without counting the attempt: the round had no room for them. */
    private static final String SQL_UNCLAIM = "UPDATE %s"
            + " SET claimed_by = NULL, claimed_until = NULL, attempts = attempts - 1"
            + " WHERE id %%s AND claimed_by = ?";

    private static final String SQL_PAYLOADS = "SELECT id, payload FROM %s WHERE id %%s AND claimed_by = ?";

    /** Keeps a round's rows this relay's while its requests take longer than the lease. */
    private static final String SQL_RENEW_LEASE = "UPDATE %s SET claimed_until = ? WHERE claimed_by = ?";

    private static final String SQL_MARK_DEAD = "UPDATE %s"
            + " SET claimed_by = NULL, claimed_until = NULL, dead_at = ?, dead_reason = ?"
            + " WHERE id = ? AND claimed_by = ?";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final int batchSize;
    private final Duration lease;
    private final long maxBatchBytes;
    private final Backoff backoff;
    private final Clock clock;

    private final String table;
    private final String unclaim;
    private final String payloads;
    private final String renewLease;
    private final String delete;
    private final String reschedule;
    private final String markDead;

    OutboxRepository(
            DataSource dataSource,
            OutboxTable table,
            Dialect dialect,
            int batchSize,
            Duration lease,
            long maxBatchBytes,
            Backoff backoff,
            Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.batchSize = batchSize;
        this.lease = lease;
        this.maxBatchBytes = maxBatchBytes;
        this.backoff = backoff;
        this.clock = clock;
        this.table = table.name;
        this.unclaim = SQL_UNCLAIM.formatted(table.name);
        this.payloads = SQL_PAYLOADS.formatted(table.name);
        this.renewLease = SQL_RENEW_LEASE.formatted(table.name);
        this.delete = SQL_DELETE.formatted(table.name);
        this.reschedule = SQL_RESCHEDULE.formatted(table.name);
        this.markDead = SQL_MARK_DEAD.formatted(table.name);
    }

    /**
     * Takes due rows for {@code token}, at most {@code batchSize} and, but for the first, at most
     * {@code maxBatchBytes} of payload: the dialect's claim leases them and returns their sizes, the rows
     * beyond the byte budget are given back at once, and only the kept rows' payloads are read. One
     * short transaction, committed before any request is sent.
     */
    List<Row> claim(String token) throws SQLException {
        Instant now = clock.instant();
        return ShortTransaction.run(dataSource, c -> {
            List<Claimed> claimed = dialect.claim(c, table, new Dialect.Lease(token, now.plus(lease), now, batchSize));
            if (claimed.isEmpty()) {
                return List.of();
            }
            claimed.sort(Comparator.comparingLong(Claimed::id)); // RETURNING gives no order
            int keep = 0;
            long bytes = 0;
            while (keep < claimed.size()
                    && (keep == 0 || bytes + claimed.get(keep).bytes() <= maxBatchBytes)) {
                bytes += claimed.get(keep).bytes();
                keep++;
            }
            if (keep < claimed.size()) {
                long[] given = ids(claimed.subList(keep, claimed.size()), Claimed::id);
                try (PreparedStatement s = dialect.prepareForIds(c, unclaim, given)) {
                    s.setString(dialect.parameterAfterIds(given.length), token);
                    s.executeUpdate();
                }
            }
            return withPayloads(c, claimed.subList(0, keep), token);
        });
    }

    private List<Row> withPayloads(Connection c, List<Claimed> kept, String token) throws SQLException {
        Map<Long, String> payload = new HashMap<>();
        long[] ids = ids(kept, Claimed::id);
        try (PreparedStatement s = dialect.prepareForIds(c, payloads, ids)) {
            s.setString(dialect.parameterAfterIds(ids.length), token);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    payload.put(r.getLong(1), r.getString(2));
                }
            }
        }
        List<Row> rows = new ArrayList<>(kept.size());
        for (Claimed k : kept) {
            String json = Objects.requireNonNull(payload.get(k.id()), "a claimed row's payload was read with it");
            rows.add(new Row(k.id(), new EncodedEvent(k.uuid(), k.eventTime(), json), k.attempts()));
        }
        return rows;
    }

    /** The rows' ids, for one statement on all of them. */
    private static <T> long[] ids(List<T> rows, ToLongFunction<T> id) {
        long[] ids = new long[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id.applyAsLong(rows.get(i));
        }
        return ids;
    }

    /**
     * Extends the lease of {@code token}'s rows to a full {@code lease} from now, while the round's
     * requests are under way. If the database cannot be reached the rows keep the lease they have.
     */
    void renewLease(String token) {
        try {
            ShortTransaction.run(dataSource, c -> {
                try (PreparedStatement s = c.prepareStatement(renewLease)) {
                    dialect.setTime(s, 1, clock.instant().plus(lease));
                    s.setString(2, token);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException | RuntimeException e) {
            log.debug("order-analytics outbox relay could not renew its lease", e);
        }
    }

    /** Deletes delivered rows, reschedules retries and marks refused rows dead, in one transaction. */
    RelayRound record(List<Row> rows, List<EncodedEvent.Outcome> outcomes, String token) throws SQLException {
        Instant now = clock.instant();
        return ShortTransaction.run(dataSource, c -> {
            int deliveredNow = 0;
            int retryNow = 0;
            int deadNow = 0;
            List<Row> acknowledged = new ArrayList<>();
            try (PreparedStatement rescheduling = c.prepareStatement(reschedule);
                    PreparedStatement markingDead = c.prepareStatement(markDead)) {
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    EncodedEvent.Outcome outcome = outcomes.get(i);
                    switch (outcome.result()) {
                        case DELIVERED -> {
                            acknowledged.add(row);
                            deliveredNow++;
                        }
                        case RETRY, API_KEY_REFUSED -> { // a refused key: the row waits for the fixed key
                            dialect.setTime(
                                    rescheduling, 1, now.plus(backoff.delay(row.attempts, outcome.retryAfter())));
                            rescheduling.setString(2, shorten(outcome.detail()));
                            rescheduling.setLong(3, row.id);
                            rescheduling.setString(4, token);
                            rescheduling.addBatch();
                            retryNow++;
                        }
                        case REJECTED -> {
                            dialect.setTime(markingDead, 1, now);
                            markingDead.setString(2, shorten("PostHog refused the event: " + outcome.detail()));
                            markingDead.setLong(3, row.id);
                            markingDead.setString(4, token);
                            markingDead.addBatch();
                            deadNow++;
                        }
                    }
                }
                if (deliveredNow > 0) {
                    try (PreparedStatement deleting = dialect.prepareForIds(c, delete, ids(acknowledged, Row::id))) {
                        deleting.executeUpdate();
                    }
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

    /** Gives rows back at once, after an interrupted request. */
    void release(List<Row> rows, String token) {
        try {
            ShortTransaction.run(dataSource, c -> {
                try (PreparedStatement s = c.prepareStatement(reschedule)) {
                    for (Row row : rows) {
                        dialect.setTime(s, 1, clock.instant());
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

    private static String shorten(String text) {
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }

    /** A claimed row. */
    record Row(long id, EncodedEvent event, int attempts) {}
}
