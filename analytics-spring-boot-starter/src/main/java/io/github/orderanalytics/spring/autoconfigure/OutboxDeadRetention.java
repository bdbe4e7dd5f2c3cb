package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.outbox.OutboxAdmin;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@code order-analytics.outbox.dead-retention}: deletes dead rows older than the retention, at start
 * and then every hour (or every retention, if shorter), while the application runs. Only dead rows:
 * a row that waits to be delivered is never deleted.
 */
final class OutboxDeadRetention implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.outbox");
    private static final Duration MOST_BETWEEN_PURGES = Duration.ofHours(1);

    private final OutboxAdmin admin;
    private final Duration retention;
    private @Nullable ScheduledExecutorService scheduler;

    OutboxDeadRetention(OutboxAdmin admin, Duration retention) {
        this.admin = admin;
        this.retention = retention;
    }

    @Override
    public synchronized void start() {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "order-analytics-outbox-retention");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1_000, Math.min(retention.toMillis(), MOST_BETWEEN_PURGES.toMillis()));
        s.scheduleWithFixedDelay(this::purge, 0, every, TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    /** One purge; whatever goes wrong waits for the next. */
    void purge() {
        try {
            int purged = admin.purgeDead(retention);
            if (purged > 0) {
                log.info("order-analytics outbox: purged {} dead row(s) older than {}", purged, retention);
            }
        } catch (Exception e) {
            log.warn("order-analytics outbox: could not purge dead rows; trying again later", e);
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
