package io.github.orderanalytics.testsupport;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition with a real deadline, polling, and fails with what was last seen: the one
 * way this project's tests wait for something another thread does. Shared test source, compiled
 * into each module's tests (see the root POM), so no test artifact is published.
 */
public final class Await {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_POLL = Duration.ofMillis(5);

    private Await() {}

    /** Within 10 seconds; {@code seen} describes the state when it fails. */
    public static void until(BooleanSupplier condition, Supplier<?> seen) {
        until(condition, DEFAULT_TIMEOUT, seen);
    }

    public static void until(BooleanSupplier condition, Duration timeout, Supplier<?> seen) {
        until(condition, timeout, DEFAULT_POLL, seen);
    }

    /** Polling every {@code poll}: for conditions that cost something to check, such as a query. */
    public static void until(BooleanSupplier condition, Duration timeout, Duration poll, Supplier<?> seen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + timeout + "; saw: " + seen.get());
            }
            LockSupport.parkNanos(poll.toNanos()); // the polling interval; the condition is what is waited for
        }
    }

    /** The first value of {@code value} that {@code done} accepts, within {@code timeout}. */
    public static <T> T value(Supplier<T> value, Predicate<? super T> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + what + " within " + timeout + "; last: " + last);
            }
            LockSupport.parkNanos(DEFAULT_POLL.toNanos());
            last = value.get();
        }
        return last;
    }
}
