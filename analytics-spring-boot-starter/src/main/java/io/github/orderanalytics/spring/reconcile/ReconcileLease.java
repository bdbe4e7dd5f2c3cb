package io.github.orderanalytics.spring.reconcile;

import java.time.Instant;

/**
 * Who runs a scheduled reconciliation when several instances have it enabled: the one that takes the
 * lease for that scheduled time. Runs asked for on the endpoint take none.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ReconcileLease {
    /** Whether this instance runs the reconciliation scheduled for {@code scheduledAt}; false: another does. */
    boolean take(Instant scheduledAt);

    /** Every instance runs every scheduled reconciliation: for a single instance. */
    static ReconcileLease always() {
        return scheduledAt -> true;
    }
}
