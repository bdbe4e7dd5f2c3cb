package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.outbox.OutboxAdmin;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * {@code order-analytics.outbox.dead-retention}: deletes dead rows older than the retention, at start
 * and then every hour (or every retention, if shorter), while the application runs. Only dead rows:
 * a row that waits to be delivered is never deleted.
 */
final class OutboxDeadRetention extends ScheduledLifecycle {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.outbox");
    private static final Duration MOST_BETWEEN_PURGES = Duration.ofHours(1);

    private final OutboxAdmin admin;
    private final Duration retention;

    OutboxDeadRetention(OutboxAdmin admin, Duration retention) {
        super("order-analytics-outbox-retention-");
        this.admin = admin;
        this.retention = retention;
    }

    @Override
    void schedule(TaskScheduler scheduler) {
        long every = Math.max(1_000, Math.min(retention.toMillis(), MOST_BETWEEN_PURGES.toMillis()));
        scheduler.scheduleWithFixedDelay(this::purge, Instant.now(), Duration.ofMillis(every));
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
}
