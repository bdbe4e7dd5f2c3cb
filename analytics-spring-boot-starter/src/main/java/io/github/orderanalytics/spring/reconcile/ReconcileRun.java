package io.github.orderanalytics.spring.reconcile;

import java.time.Instant;
import java.util.Optional;

/**
 * What one scheduled or requested run of the reconciliation found and did: counts only, never an
 * order's data or an email, so it may be shown on an endpoint and in meters.
 *
 * @param ranAt when the run ended
 * @param from the start of the period checked
 * @param judgedUntil the end of the period judged (the settle time before the run)
 * @param expected expected events in the period
 * @param found of them, stored by PostHog
 * @param missing of them, not stored
 * @param unexpected stored order events no expected event explains
 * @param mismatched fields that differ between stored and expected events
 * @param resent missing events PostHog acknowledged when sent again (0 when repair is off)
 * @param refused missing events PostHog refused when sent again
 * @param failure why the run failed (a refused query, say), if it did; the counts are then zero
 * @since 0.1.0
 */
public record ReconcileRun(
        Instant ranAt,
        Instant from,
        Instant judgedUntil,
        long expected,
        long found,
        long missing,
        long unexpected,
        long mismatched,
        long resent,
        long refused,
        Optional<String> failure) {}
