package io.github.orderanalytics.spring.reconcile;

import io.github.orderanalytics.posthog.reconcile.ExpectedOrderEvents;
import io.github.orderanalytics.posthog.reconcile.PostHogQueryException;
import io.github.orderanalytics.posthog.reconcile.PostHogReconciler;
import io.github.orderanalytics.posthog.reconcile.Reconciliation;
import io.github.orderanalytics.posthog.reconcile.Repair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation run over the last {@code lookback}: checks with the application's {@link
 * ExpectedOrderEvents}, repairs what is missing (unless told not to), and keeps the counts of the last
 * run for the endpoint and the meters. Runs one at a time; a run asked for while one is under way waits.
 *
 * @since 0.1.0
 */
public final class ReconcileJob {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");

    private final PostHogReconciler reconciler;
    private final ExpectedOrderEvents expected;
    private final Duration lookback;
    private final boolean repair;
    private final Clock clock;
    private final ReconcileLease lease;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicReference<ReconcileRun> last = new AtomicReference<>();

    public ReconcileJob(
            PostHogReconciler reconciler,
            ExpectedOrderEvents expected,
            Duration lookback,
            boolean repair,
            Clock clock) {
        this(reconciler, expected, lookback, repair, clock, ReconcileLease.always());
    }

    /** A job whose scheduled runs go only where {@code lease} says, when several instances have it. */
    public ReconcileJob(
            PostHogReconciler reconciler,
            ExpectedOrderEvents expected,
            Duration lookback,
            boolean repair,
            Clock clock,
            ReconcileLease lease) {
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler == null");
        this.expected = Objects.requireNonNull(expected, "expected == null");
        this.lookback = Objects.requireNonNull(lookback, "lookback == null");
        if (lookback.isZero() || lookback.isNegative()) {
            throw new IllegalArgumentException(
                    "order-analytics.reconcile.lookback must be more than zero, was " + lookback);
        }
        this.repair = repair;
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.lease = Objects.requireNonNull(lease, "lease == null");
    }

    /**
     * The run scheduled for {@code scheduledAt}, if this instance takes its lease; empty when another
     * instance runs it.
     */
    public Optional<ReconcileRun> runScheduled(Instant scheduledAt) {
        if (!lease.take(scheduledAt)) {
            log.info("order-analytics reconciliation scheduled for {} runs on another instance", scheduledAt);
            return Optional.empty();
        }
        return Optional.of(run());
    }

    /**
     * Checks the last {@code lookback} now, repairs if configured, and returns the run's counts. A query
     * PostHog refuses is a failed run (logged as an ERROR naming the setting), never "everything missing".
     */
    public ReconcileRun run() {
        running.lock();
        try {
            Instant to = clock.instant();
            Instant from = to.minus(lookback);
            ReconcileRun run;
            try {
                Reconciliation result = reconciler.check(from, to, expected);
                Repair repaired = repair && !result.isComplete() ? reconciler.repair(result) : new Repair(0, 0);
                run = new ReconcileRun(
                        clock.instant(),
                        from,
                        result.judgedUntil(),
                        result.expected(),
                        result.found(),
                        result.missing().size(),
                        result.unexpected().size(),
                        result.mismatched().size(),
                        repaired.resent(),
                        repaired.refused(),
                        Optional.empty());
            } catch (PostHogQueryException e) {
                log.error("order-analytics reconciliation failed: {}", e.getMessage());
                run = failed(from, String.valueOf(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                run = failed(from, "interrupted");
            } catch (RuntimeException e) {
                log.error("order-analytics reconciliation failed", e);
                run = failed(from, e.toString());
            }
            last.set(run);
            return run;
        } finally {
            running.unlock();
        }
    }

    private ReconcileRun failed(Instant from, String why) {
        return new ReconcileRun(clock.instant(), from, from, 0, 0, 0, 0, 0, 0, 0, Optional.of(why));
    }

    /** The last run's counts; empty before the first. */
    public Optional<ReconcileRun> lastRun() {
        return Optional.ofNullable(last.get());
    }
}
