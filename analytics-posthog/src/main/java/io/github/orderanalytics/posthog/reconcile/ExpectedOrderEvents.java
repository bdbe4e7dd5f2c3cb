package io.github.orderanalytics.posthog.reconcile;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * The shop's own record of its order events, by time: what a long check (a year's backfill, a daily
 * job) reads slice by slice, so that memory follows the busiest slice and not the period.
 *
 * <pre>{@code
 * ExpectedOrderEvents expected = (from, to) -> jdbc.sql(
 *                 "SELECT ... FROM orders WHERE placed_at >= ? AND placed_at < ?")
 *         .params(from, to).query(this::placed).stream();
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ExpectedOrderEvents {
    /**
     * The order events whose time ({@code placedAt}, {@code refundedAt}, {@code cancelledAt}) lies in
     * {@code [from, to)}. The stream is closed once read, so it may hold a database cursor. A check asks
     * for a slice a second time when PostHog lacks some of its events (or files one under another
     * person), to hand those back without holding every event of the slice: give the same events.
     */
    Stream<ExpectedEvent> between(Instant from, Instant to);
}
