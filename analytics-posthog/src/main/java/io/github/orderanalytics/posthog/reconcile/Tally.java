package io.github.orderanalytics.posthog.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a check found so far, slice after slice. */
final class Tally {
    long expected;
    long found;
    long notJudged;
    final List<ExpectedEvent> missing = new ArrayList<>();
    final List<StoredEvent> unexpected = new ArrayList<>();
    final List<Mismatch> mismatched = new ArrayList<>();

    Reconciliation result(Instant from, Instant judgedUntil) {
        return new Reconciliation(from, judgedUntil, expected, found, notJudged, missing, unexpected, mismatched);
    }
}
