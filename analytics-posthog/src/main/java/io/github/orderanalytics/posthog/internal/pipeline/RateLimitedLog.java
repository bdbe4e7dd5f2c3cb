package io.github.orderanalytics.posthog.internal.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Lets one message through per period and counts the occurrences in between, for drop warnings. */
final class RateLimitedLog {
    private final long periodNanos;
    private final AtomicLong nextNanos;
    private final LongAdder occurrences = new LongAdder();

    RateLimitedLog(long period, TimeUnit unit) {
        this.periodNanos = unit.toNanos(period);
        this.nextNanos = new AtomicLong(System.nanoTime());
    }

    /** Records {@code count} occurrences; returns how many to report now, or 0 to stay quiet. */
    long record(int count) {
        occurrences.add(count);
        long now = System.nanoTime();
        long next = nextNanos.get();
        if (now - next >= 0 && nextNanos.compareAndSet(next, now + periodNanos)) {
            return occurrences.sumThenReset();
        }
        return 0;
    }
}
