package io.github.orderanalytics.posthog.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a check found for the period {@code [from, judgedUntil)}: how many order events the shop expected
 * there, how many PostHog holds, and which are missing, unexpected or different. Immutable.
 *
 * <ul>
 *   <li>{@link #missing()}: expected, not stored: what {@link PostHogReconciler#repair} sends again.
 *   <li>{@link #unexpected()}: order events PostHog stored in the period that no expected event explains:
 *       an order reported by another system or an old version, a test order, or a shop record the
 *       expected side does not read (a refunds table left out). Never "repaired".
 *   <li>{@link #mismatched()}: stored under an expected uuid, but different (the identity or the amounts
 *       changed after the event was sent): PostHog keeps the first; never "repaired".
 * </ul>
 *
 * @since 0.1.0
 */
public final class Reconciliation {
    private final Instant from;
    private final Instant judgedUntil;
    private final long expected;
    private final long found;
    private final long notJudged;
    private final List<ExpectedEvent> missing;
    private final List<StoredEvent> unexpected;
    private final List<Mismatch> mismatched;

    Reconciliation(
            Instant from,
            Instant judgedUntil,
            long expected,
            long found,
            long notJudged,
            List<ExpectedEvent> missing,
            List<StoredEvent> unexpected,
            List<Mismatch> mismatched) {
        this.from = Objects.requireNonNull(from, "from == null");
        this.judgedUntil = Objects.requireNonNull(judgedUntil, "judgedUntil == null");
        this.expected = expected;
        this.found = found;
        this.notJudged = notJudged;
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.mismatched = List.copyOf(mismatched);
    }

    /** The start of the period checked. */
    public Instant from() {
        return from;
    }

    /**
     * The end of the period judged: the {@code to} asked for, or earlier when that was within the settle
     * time of now (events sent in the last hour may not be queryable yet).
     */
    public Instant judgedUntil() {
        return judgedUntil;
    }

    /** Expected events in the period judged, each uuid once. */
    public long expected() {
        return expected;
    }

    /** Expected events PostHog holds (a mismatched one included), each uuid once. */
    public long found() {
        return found;
    }

    /** Expected events given that lie outside the period judged (later than {@link #judgedUntil()}, say). */
    public long notJudged() {
        return notJudged;
    }

    /** Whether PostHog holds every expected event of the period: nothing missing. */
    public boolean isComplete() {
        return missing.isEmpty();
    }

    public List<ExpectedEvent> missing() {
        return missing;
    }

    public List<StoredEvent> unexpected() {
        return unexpected;
    }

    public List<Mismatch> mismatched() {
        return mismatched;
    }

    /** Counts only: never an order's data or an email. */
    @Override
    public String toString() {
        return "Reconciliation{" + from + " to " + judgedUntil + ": expected " + expected + ", found " + found
                + ", missing " + missing.size() + ", unexpected " + unexpected.size() + ", mismatched "
                + mismatched.size() + (notJudged > 0 ? ", not judged " + notJudged : "") + "}";
    }
}
