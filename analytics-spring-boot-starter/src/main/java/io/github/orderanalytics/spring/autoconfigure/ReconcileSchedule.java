package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.spring.reconcile.ReconcileJob;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs a {@link ReconcileJob} on its cron schedule, on a daemon thread of its own, while the application
 * runs. A run that fails is logged and counted by the job; the schedule goes on.
 */
final class ReconcileSchedule extends ScheduledLifecycle {
    private final ReconcileJob job;
    private final CronTrigger trigger;
    /** When the run under way was scheduled for: the same on every instance with this schedule, so the lease's key. */
    private volatile @Nullable Instant scheduledAt;

    /**
     * @throws IllegalArgumentException naming {@code order-analytics.reconcile.schedule}, if {@code cron} is
     *     not a Spring cron expression
     */
    ReconcileSchedule(ReconcileJob job, String cron) {
        super("order-analytics-reconcile-");
        this.job = Objects.requireNonNull(job, "job == null");
        try {
            this.trigger = new CronTrigger(Objects.requireNonNull(cron, "cron == null"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "order-analytics.reconcile.schedule is not a cron expression (six fields,"
                            + " second first, as \"0 30 3 * * *\"): '" + cron + "'",
                    e);
        }
    }

    @Override
    void schedule(TaskScheduler scheduler) {
        Trigger remembering = context -> {
            Instant next = trigger.nextExecution(context);
            scheduledAt = next;
            return next;
        };
        scheduler.schedule(
                () -> job.runScheduled(Objects.requireNonNull(scheduledAt, "the trigger sets it before each run")),
                remembering);
    }
}
