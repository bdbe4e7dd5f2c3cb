package io.github.orderanalytics.posthog.internal.pipeline;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a real deadline, polling; fails with a description of what was seen. */
final class Await {
    private Await() {}

    static void until(BooleanSupplier condition, Supplier<?> seen) {
        Duration timeout = Duration.ofSeconds(10);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + timeout + "; saw: " + seen.get());
            }
            LockSupport.parkNanos(1_000_000); // the polling interval; the condition is what is waited for
        }
    }
}
