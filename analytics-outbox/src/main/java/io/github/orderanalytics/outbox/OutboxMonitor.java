package io.github.orderanalytics.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The outbox's backlog for health checks and meters, which must answer at once whatever the database
 * does. The table is read at most once per {@code refresh}, on a daemon thread of its own; callers get
 * the latest reading straight away, never waiting for the database or for each other. A failed read
 * counts as a read: the next try waits for the next period, so a database that is down costs one
 * connection attempt per period, not one per meter per scrape.
 *
 * <pre>{@code
 * OutboxMonitor monitor = OutboxMonitor.create(OutboxAdmin.create(dataSource), Duration.ofSeconds(5));
 * OutboxMonitor.Reading reading = monitor.latest();
 * reading.backlog().ifPresent(b -> System.out.println(b.pending() + " rows wait"));
 * reading.failure().ifPresent(System.out::println);   // the table could not be read, and why
 * }</pre>
 *
 * @since 0.1.0
 */
public final class OutboxMonitor implements AutoCloseable {
    private final OutboxAdmin admin;
    private final long refreshNanos;
    private final Clock clock;
    private final ExecutorService reader;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile Reading latest = new Reading(Optional.empty(), Optional.of("not read yet"), Optional.empty());
    private volatile long lastReadNanos;
    private volatile boolean everRead;

    private OutboxMonitor(OutboxAdmin admin, Duration refresh, Clock clock) {
        this.admin = Objects.requireNonNull(admin, "admin == null");
        Objects.requireNonNull(refresh, "refresh == null");
        if (refresh.isNegative()) {
            throw new IllegalArgumentException("refresh must not be negative, was " + refresh);
        }
        this.refreshNanos = refresh.toNanos();
        this.clock = clock;
        // One thread at most, gone when idle: nothing to close for a monitor nobody keeps.
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "order-analytics-outbox-monitor");
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        this.reader = executor;
    }

    /** Reads {@code admin}'s table at most once per {@code refresh}, starting now. */
    public static OutboxMonitor create(OutboxAdmin admin, Duration refresh) {
        OutboxMonitor monitor = new OutboxMonitor(admin, refresh, Clock.systemUTC());
        monitor.refreshIfDue();
        return monitor;
    }

    /**
     * The latest reading, at once. If it is older than {@code refresh}, a new read starts in the
     * background; this call does not wait for it.
     */
    public Reading latest() {
        refreshIfDue();
        return latest;
    }

    private void refreshIfDue() {
        if (everRead && System.nanoTime() - lastReadNanos < refreshNanos) {
            return;
        }
        if (!reading.compareAndSet(false, true)) {
            return; // a read is under way
        }
        try {
            reader.execute(this::read);
        } catch (RejectedExecutionException e) { // closed
            reading.set(false);
        }
    }

    private void read() {
        try {
            OutboxBacklog backlog = admin.backlog();
            latest = new Reading(Optional.of(backlog), Optional.empty(), Optional.of(clock.instant()));
        } catch (Exception | LinkageError e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
            // The last good backlog is not kept: a stale number that looks fine would hide the outage.
            latest = new Reading(Optional.empty(), Optional.of(why), latest.readAt());
        } finally {
            lastReadNanos = System.nanoTime();
            everRead = true;
            reading.set(false);
        }
    }

    /** Stops the reading thread; {@link #latest()} then keeps answering with the last reading. */
    @Override
    public void close() {
        reader.shutdownNow();
    }

    @Override
    public String toString() {
        return "OutboxMonitor{" + admin.table() + ", " + latest + "}";
    }

    /**
     * One reading of the table.
     *
     * @param backlog what the table held, if it could be read
     * @param failure why it could not be read, if it could not
     * @param readAt when the table was last read successfully
     */
    public record Reading(Optional<OutboxBacklog> backlog, Optional<String> failure, Optional<Instant> readAt) {
        public Reading {
            Objects.requireNonNull(backlog, "backlog == null");
            Objects.requireNonNull(failure, "failure == null");
            Objects.requireNonNull(readAt, "readAt == null");
        }
    }
}
