package io.github.orderanalytics.outbox;

import io.github.orderanalytics.posthog.Backoff;
import io.github.orderanalytics.posthog.EncodedEvent;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox table's rows to PostHog: claims due rows in batches, sends them through the
 * built-in client, deletes what PostHog acknowledged, reschedules failures with backoff, and keeps
 * rows PostHog refuses for good marked with the reason. No database transaction stays open during
 * an HTTP request.
 *
 * <pre>{@code
 * PostHogOrderAnalytics client = PostHogOrderAnalytics.create(PostHogConfig.fromEnvironment());
 * OutboxRelay relay = OutboxRelay.builder(dataSource, client).build();
 * relay.start();          // checks the table, then relays on a thread of its own
 * ...
 * relay.close();          // finishes the batch under way; then close the client
 * }</pre>
 *
 * <p>Run one in every service instance: the database is all they share. A relay holds the rows it
 * claimed for {@code lease}; if it dies, another relay takes them once that has passed, so a crash
 * only delays its rows. Delivery is at least once: a relay that dies after PostHog acknowledged a
 * batch but before deleting it sends those events again, with the same uuids, and PostHog collapses
 * them. Every time kept in the table (due times, leases, when a row died) is the database's, read
 * through the offset of this node's clock to it, so instances need not agree on the time.
 *
 * @since 0.1.0
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.outbox");
    private static final Duration MAX_IDLE_AFTER_ERRORS = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Default {@code batchSize}: {@value} rows per round. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    /** Default {@code pollInterval}, in milliseconds: {@value}. */
    public static final long DEFAULT_POLL_INTERVAL_MILLIS = 200;

    /** Default {@code maxBatchBytes}: {@value} bytes (16 MiB). */
    public static final long DEFAULT_MAX_BATCH_BYTES = 16L << 20;

    /** Default {@code lease}, in seconds: {@value}. */
    public static final long DEFAULT_LEASE_SECONDS = 120;

    /** Default {@code initialBackoff}, in milliseconds: {@value}. */
    public static final long DEFAULT_INITIAL_BACKOFF_MILLIS = 1_000;

    /** Default {@code maxBackoff}, in seconds: {@value} (10 minutes). */
    public static final long DEFAULT_MAX_BACKOFF_SECONDS = 600;

    /** Default {@code shutdownTimeout}, in seconds: {@value}. */
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 30;

    private final DataSource dataSource;
    private final EventSender sender;
    private final OutboxTable table;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration lease;
    private final LeaseKeeper leaseKeeper;
    private final long maxBatchBytes;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration shutdownTimeout;
    private final String relayId;
    /** This node's clock: when rounds ran. */
    private final Clock clock;
    /** The database's: every time kept in the table. */
    private final DatabaseClock databaseClock;

    private final Backoff idleBackoff;
    private final OutboxAdmin admin;

    /** 48 random bits in hex, this instance's part of every claim token. */
    private final String instance = Long.toHexString(RANDOM.nextLong() >>> 16);

    private final AtomicLong claims = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong rescheduled = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile @Nullable OutboxRepository repository;
    private volatile boolean stopping;
    private volatile @Nullable Instant lastRoundAt;
    private volatile @Nullable Thread thread;

    OutboxRelay(OutboxRelayBuilder b) {
        this.dataSource = b.dataSource;
        this.sender = b.sender;
        this.table = new OutboxTable(b.table);
        this.batchSize = b.batchSize;
        this.pollInterval = b.pollInterval;
        this.lease = b.lease;
        this.leaseKeeper = new LeaseKeeper(b.lease);
        this.maxBatchBytes = b.maxBatchBytes;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.shutdownTimeout = b.shutdownTimeout;
        this.relayId = b.relayId != null ? b.relayId : defaultRelayId();
        this.clock = b.clock;
        this.databaseClock = new DatabaseClock(b.clock, dataSource, new KnownDialect());
        this.admin = OutboxAdmin.create(dataSource, table.name, databaseClock);
        Duration firstIdle = pollInterval.multipliedBy(2);
        this.idleBackoff = Backoff.between(
                firstIdle.compareTo(MAX_IDLE_AFTER_ERRORS) < 0 ? firstIdle : MAX_IDLE_AFTER_ERRORS,
                MAX_IDLE_AFTER_ERRORS);
    }

    /** A relay for the outbox table of {@code dataSource}, sending through {@code client}. */
    public static OutboxRelayBuilder builder(DataSource dataSource, PostHogOrderAnalytics client) {
        return new OutboxRelayBuilder(dataSource, client);
    }

    /**
     * Checks the table, then relays on a daemon thread until {@link #close()}. A relay closed earlier
     * starts again, as Spring's {@code stop()} then {@code start()} expects.
     *
     * @throws IllegalStateException if the table is missing or lacks columns, naming them and the DDL
     *     to use, or if this relay is running already
     */
    public synchronized OutboxRelay start() {
        if (thread != null) {
            throw new IllegalStateException("this relay is running already: close() it before starting it again");
        }
        checkSchema();
        stopping = false;
        thread = new Thread(this::run, "order-analytics-outbox-relay");
        thread.setDaemon(true);
        thread.start();
        log.info("order-analytics outbox relay {} started on table {}", relayId, table.name);
        return this;
    }

    /**
     * Checks that the table exists with every column the relay uses.
     *
     * @throws IllegalStateException naming what is missing and the DDL that creates it
     */
    public void checkSchema() {
        try (Connection c = dataSource.getConnection()) {
            Dialect found = databaseClock.dialect().of(c);
            SchemaCheck.check(c, table, found);
            repository = new OutboxRepository(
                    dataSource,
                    table,
                    found,
                    batchSize,
                    lease,
                    maxBatchBytes,
                    Backoff.between(initialBackoff, maxBackoff),
                    databaseClock);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "order-analytics outbox: cannot reach the database to check table " + table.name + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * One round: claims up to {@code batchSize} due rows, sends them, and records what PostHog said.
     * The relay's thread calls this in a loop; call it yourself to relay without a thread (in tests,
     * or from a scheduler you already run).
     *
     * @throws SQLException if the database fails; claimed rows are then taken again after the lease
     */
    public RelayRound relayOnce() throws SQLException, InterruptedException {
        OutboxRepository rows = repository();
        databaseClock.refreshIfDue();
        String token = nextClaimToken();
        List<OutboxRepository.Row> claimed = rows.claim(token);
        if (claimed.isEmpty()) {
            return RelayRound.NONE;
        }
        List<EncodedEvent> events = new ArrayList<>(claimed.size());
        claimed.forEach(r -> events.add(r.event()));
        List<EncodedEvent.Outcome> outcomes;
        // The rows stay this relay's while the requests run: another instance must not send them meanwhile.
        LeaseKeeper.Renewal renewal = leaseKeeper.renewing(() -> rows.renewLease(token));
        try {
            outcomes = sender.send(events);
        } catch (InterruptedException e) {
            // Stopped mid-request: the rows become due again now, not after the lease.
            rows.release(claimed, token);
            throw e;
        } finally {
            renewal.close();
        }
        RelayRound round = rows.record(claimed, outcomes, token);
        delivered.addAndGet(round.delivered());
        rescheduled.addAndGet(round.rescheduled());
        dead.addAndGet(round.dead());
        if (round.dead() > 0) {
            log.warn(
                    "order-analytics outbox: PostHog refused {} event(s) for good; kept in {} with dead_at set",
                    round.dead(),
                    table.name);
        }
        return round;
    }

    /** Rows waiting, the oldest one's age and dead rows, from the table; what this relay did, from memory. */
    public OutboxStats stats() throws SQLException {
        repository(); // the schema check, as before any read of the table
        return new OutboxStats(admin.backlog(), totals());
    }

    /** What this relay did since it was built, from memory: never a database read. */
    public RelayTotals totals() {
        return new RelayTotals(delivered.get(), rescheduled.get(), dead.get());
    }

    /** The same table's administration: dead rows, resubmitting, purging. */
    public OutboxAdmin admin() {
        return admin;
    }

    private OutboxRepository repository() {
        OutboxRepository r = repository;
        if (r == null) {
            checkSchema();
            r = Objects.requireNonNull(repository, "checkSchema() sets the repository or throws");
        }
        return r;
    }

    /** This relay's name in {@code claimed_by}. */
    public String relayId() {
        return relayId;
    }

    /**
     * Stops relaying: the batch under way is finished and recorded, for at most {@code shutdownTimeout};
     * a request still running then is interrupted and its rows are released. Does not close the client.
     */
    @Override
    public synchronized void close() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        stopping = true;
        signal();
        try {
            t.join(shutdownTimeout.toMillis());
            if (t.isAlive()) {
                t.interrupt();
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread = null;
            leaseKeeper.stop();
        }
    }

    /** Whether this relay's thread is relaying: started, not closed, and alive. */
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive() && !stopping;
    }

    /** When this relay's thread last finished a round, whatever came of it; empty before the first. */
    public Optional<Instant> lastRoundAt() {
        return Optional.ofNullable(lastRoundAt);
    }

    private void run() {
        int failures = 0;
        while (!stopping) {
            Duration idle = pollInterval;
            try {
                RelayRound round = relayOnce();
                failures = 0;
                if (round.claimed() == batchSize) {
                    continue; // more may be due: no pause
                }
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
            } catch (Throwable e) { // an Error too: a dead thread would leave its rows leased and look alive
                failures++;
                idle = idleAfter(failures);
                if (failures == 1 || failures % 10 == 0) {
                    log.warn(
                            "order-analytics outbox relay {} failed {} time(s) in a row; next try in {} ms",
                            relayId,
                            failures,
                            idle.toMillis(),
                            e);
                }
            } finally {
                lastRoundAt = clock.instant();
            }
            pause(idle);
        }
    }

    /** Doubling from twice the poll interval up to 30 s, without jitter: only this relay waits on it. */
    private Duration idleAfter(int failures) {
        return idleBackoff.ceiling(failures);
    }

    private void pause(Duration idle) {
        lock.lock();
        try {
            if (!stopping) {
                wake.await(idle.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            // close() interrupts only when stopping: the loop condition ends it
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The fencing token of the next claim: this relay's id, this instance's own random part, and a count.
     * The random part keeps tokens apart when two instances are given the same {@code relayId}: with
     * equal tokens, one instance could record outcomes on rows the other holds once a lease ran out.
     */
    String nextClaimToken() {
        return relayId + "#" + instance + "." + claims.incrementAndGet();
    }

    private static String defaultRelayId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String id = host + "/" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 150 ? id : id.substring(id.length() - 150);
    }

    @Override
    public String toString() {
        return "OutboxRelay{" + relayId + ", table=" + table.name + "}";
    }
}
