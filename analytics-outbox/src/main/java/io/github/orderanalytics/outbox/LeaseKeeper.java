package io.github.orderanalytics.outbox;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a round's rows leased while its requests run: renews every third of the lease, on one daemon
 * thread made on the first round and gone when idle, however long the requests take (several, each up
 * to requestTimeout, more when a 400 halves the batch).
 */
final class LeaseKeeper {
    private final long everyNanos;
    private @Nullable ScheduledThreadPoolExecutor renewer;

    LeaseKeeper(Duration lease) {
        Duration third = lease.dividedBy(3);
        this.everyNanos = (third.toMillis() < 1 ? Duration.ofMillis(1) : third).toNanos();
    }

    /** Runs {@code renew} every third of the lease until the returned renewal is closed. */
    synchronized Renewal renewing(Runnable renew) {
        ScheduledThreadPoolExecutor executor = renewer;
        if (executor == null) {
            executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "order-analytics-outbox-lease");
                t.setDaemon(true);
                return t;
            });
            executor.setKeepAliveTime(30, TimeUnit.SECONDS);
            executor.allowCoreThreadTimeOut(true);
            executor.setRemoveOnCancelPolicy(true);
            renewer = executor;
        }
        ScheduledFuture<?> task = executor.scheduleAtFixedRate(renew, everyNanos, everyNanos, TimeUnit.NANOSECONDS);
        return () -> task.cancel(false);
    }

    /** Stops the renewing thread; a later round makes a new one. */
    synchronized void stop() {
        ScheduledThreadPoolExecutor executor = renewer;
        if (executor != null) {
            executor.shutdownNow();
            renewer = null;
        }
    }

    /** One round's renewals. */
    @FunctionalInterface
    interface Renewal {
        void close();
    }
}
