package io.github.orderanalytics.posthog.internal.pipeline;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Every wait of the pipeline goes through here: the batcher's interval, the backoff between tries,
 * a flush's deadline. Tests substitute one whose time moves only when they say, so they never sleep. Not a
 * {@code java.time.Clock}: besides telling the time it waits, parks and measures elapsed nanoseconds.
 */
interface TimeSource {

    /** The system's clock. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }

        @Override
        public void park(Object blocker, long nanos) {
            LockSupport.parkNanos(blocker, nanos);
        }

        @Override
        public boolean await(CompletableFuture<?> done, long nanos) throws InterruptedException {
            try {
                done.get(nanos, TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException | ExecutionException e) {
                return false;
            }
        }
    };

    long nanoTime();

    Instant now();

    /** Waits {@code nanos}; close() interrupts it to stop a sender. */
    void sleep(long nanos) throws InterruptedException;

    /** Waits at most {@code nanos}, or until {@link LockSupport#unpark}; may return early for no reason. */
    void park(Object blocker, long nanos);

    /**
     * Waits at most {@code nanos} for {@code done}; true if it completed normally.
     *
     * @throws java.util.concurrent.CancellationException if it was cancelled
     */
    boolean await(CompletableFuture<?> done, long nanos) throws InterruptedException;
}
