package io.github.orderanalytics.posthog.internal.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory bound: every accepted event not yet settled holds room here, in events and in bytes,
 * until the ledger gives it back. Both counts share one atomic long (events in the high bits,
 * bytes in the low 40), so a caller pays one atomic add per event, not two.
 */
final class QueueBound {
    private static final int BYTE_BITS = 40;
    private static final long BYTE_MASK = (1L << BYTE_BITS) - 1;
    private static final long ONE_EVENT = 1L << BYTE_BITS;

    private final AtomicLong held = new AtomicLong();
    private final int maxEvents;
    private final long maxBytes;

    /** The settings keep both limits far below the bits they have (1,000,000 events, 64 GiB). */
    QueueBound(int maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /** Takes room for one event of {@code bytes}; false, taking nothing, if either limit would be passed. */
    boolean tryTake(long bytes) {
        long delta = ONE_EVENT + bytes;
        long after = held.addAndGet(delta);
        if ((after >>> BYTE_BITS) > maxEvents || (after & BYTE_MASK) > maxBytes) {
            held.addAndGet(-delta);
            return false;
        }
        return true;
    }

    void giveBack(int events, long bytes) {
        held.addAndGet(-(events * ONE_EVENT + bytes));
    }

    int events() {
        return (int) (held.get() >>> BYTE_BITS);
    }

    int maxEvents() {
        return maxEvents;
    }

    long maxBytes() {
        return maxBytes;
    }
}
