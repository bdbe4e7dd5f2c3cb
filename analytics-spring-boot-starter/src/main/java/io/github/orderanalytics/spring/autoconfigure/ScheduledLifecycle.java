package io.github.orderanalytics.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Work the starter runs on a schedule while the application runs, on one daemon thread of its own:
 * started once the context is refreshed, stopped with the other lifecycle beans (a run under way is
 * interrupted). What runs, and when, is the subclass's.
 */
abstract class ScheduledLifecycle implements SmartLifecycle {
    private final String threadNamePrefix;
    private @Nullable ThreadPoolTaskScheduler scheduler;

    ScheduledLifecycle(String threadNamePrefix) {
        this.threadNamePrefix = threadNamePrefix;
    }

    /** Schedules the work on {@code scheduler}, which is this bean's alone. */
    abstract void schedule(TaskScheduler scheduler);

    @Override
    public final synchronized void start() {
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setPoolSize(1);
        s.setThreadNamePrefix(threadNamePrefix);
        s.setDaemon(true);
        s.initialize();
        schedule(s);
        scheduler = s;
    }

    @Override
    public final synchronized void stop() {
        ThreadPoolTaskScheduler s = scheduler;
        if (s != null) {
            s.shutdown(); // not waiting for tasks: shutdownNow, which interrupts a run under way
            scheduler = null;
        }
    }

    @Override
    public final synchronized boolean isRunning() {
        return scheduler != null;
    }
}
