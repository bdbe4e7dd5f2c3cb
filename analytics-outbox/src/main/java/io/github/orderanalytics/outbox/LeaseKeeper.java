package io.github.orderanalytics.outbox;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a round's rows leased while its requests run: renews every third of the lease, on one daemon
 * thread made on the first round and gone when idle, however long the requests take (several, each up
 * to requestTimeout, more when a 400 halves the batch).
 */
final class LeaseKeeper {
    private final long everyNanos;
    private ScheduledThreadPoolExecutor renewer;

    LeaseKeeper(Duration lease) {
        Duration third = lease.dividedBy(3);
        this.everyNanos = (third.toMillis() < 1 ? Duration.ofMillis(1) : third).toNanos();
    }

    /** Runs {@code renew} every third of the lease until the returned renewal is closed. */
    synchronized Renewal renewing(Runnable renew) {
        if (renewer == null) {
            renewer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "order-analytics-outbox-lease");
                t.setDaemon(true);
                return t;
            });
            renewer.setKeepAliveTime(30, TimeUnit.SECONDS);
            renewer.allowCoreThreadTimeOut(true);
            renewer.setRemoveOnCancelPolicy(true);
        }
        ScheduledFuture<?> task = renewer.scheduleAtFixedRate(renew, everyNanos, everyNanos, TimeUnit.NANOSECONDS);
        return () -> task.cancel(false);
    }

    /** Stops the renewing thread; a later round makes a new one. */
    synchronized void stop() {
        if (renewer != null) {
            renewer.shutdownNow();
            renewer = null;
        }
    }

    /** One round's renewals. */
    @FunctionalInterface
    interface Renewal {
        void close();
    }
}
