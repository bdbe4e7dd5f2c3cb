package io.github.orderanalytics.posthog.internal.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A clock that moves only when a test advances it, or when the pipeline sleeps or a wait times out
 * on it: backoffs and intervals then take no real time at all.
 */
final class FakeTimeSource implements TimeSource {
    private static final Instant EPOCH = Instant.parse("2026-11-27T10:15:30Z");

    private final Object lock = new Object();
    private final Set<Thread> parked = ConcurrentHashMap.newKeySet();
    private final List<Long> sleeps = new ArrayList<>();
    private long nanos;
    private volatile Throwable failNextPark;

    @Override
    public long nanoTime() {
        synchronized (lock) {
            return nanos;
        }
    }

    @Override
    public Instant now() {
        return EPOCH.plusNanos(nanoTime());
    }

    /** Moves time on and wakes every parked thread to look at it. */
    void advance(long by) {
        synchronized (lock) {
            nanos += by;
        }
        parked.forEach(LockSupport::unpark);
    }

    /** Whether some thread waits on this clock now: a test advances time only once the batcher does. */
    boolean hasParkedThread() {
        return !parked.isEmpty();
    }

    /** The sleeps asked for so far, in nanoseconds. */
    List<Long> sleeps() {
        synchronized (lock) {
            return List.copyOf(sleeps);
        }
    }

    boolean failurePending() {
        return failNextPark != null;
    }

    /** The next park throws this, as a bug deep in the batcher might. */
    void failNextPark(Throwable t) {
        failNextPark = t;
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        synchronized (lock) {
            sleeps.add(nanos);
        }
        advance(nanos);
    }

    @Override
    public void park(Object blocker, long nanos) {
        Throwable fail = failNextPark;
        if (fail != null) {
            failNextPark = null;
            if (fail instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) fail;
        }
        long deadline = nanoTime() + nanos;
        Thread me = Thread.currentThread();
        parked.add(me); // before the check, so an advance in between still unparks us
        try {
            if (nanoTime() - deadline < 0) {
                LockSupport.park(blocker);
            }
        } finally {
            parked.remove(me);
        }
    }

    /** Done futures answer at once; otherwise the wait times out in fake time, taking no real time. */
    @Override
    public boolean await(CompletableFuture<?> done, long nanos) {
        if (done.isDone()) {
            if (done.isCancelled()) {
                throw new CancellationException();
            }
            return !done.isCompletedExceptionally();
        }
        advance(nanos);
        return false;
    }
}
