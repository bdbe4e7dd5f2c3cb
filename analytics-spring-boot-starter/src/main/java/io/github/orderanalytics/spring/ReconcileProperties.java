package io.github.orderanalytics.spring;

import java.time.Duration;

/**
 * {@code order-analytics.reconcile.*}: a scheduled check that PostHog stored every order event of the
 * last days, and a repair of what it lost. Needs the client's {@code personal-api-key} and {@code
 * project-id}, and a bean of {@code ExpectedOrderEvents} that reads the shop's own orders, refunds and
 * cancellations.
 *
 * @since 0.1.0
 */
public class ReconcileProperties {
    /** Whether the check runs on this instance (run it on one instance, or give it a DataSource lease). */
    private boolean enabled = false;

    /** When the check runs: a Spring cron expression, in the server's zone. */
    private String schedule = "0 30 3 * * *";

    /** How far back each run checks. */
    private Duration lookback = Duration.ofDays(3);

    /** Events newer than this are not judged yet: PostHog may need that long to make them queryable. */
    private Duration settle = Duration.ofHours(1);

    /** Whether a run sends missing events again; false only reports them. */
    private boolean repair = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public Duration getLookback() {
        return lookback;
    }

    public void setLookback(Duration lookback) {
        this.lookback = lookback;
    }

    public Duration getSettle() {
        return settle;
    }

    public void setSettle(Duration settle) {
        this.settle = settle;
    }

    public boolean isRepair() {
        return repair;
    }

    public void setRepair(boolean repair) {
        this.repair = repair;
    }
}
