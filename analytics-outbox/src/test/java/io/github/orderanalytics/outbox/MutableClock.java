package io.github.orderanalytics.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** The system clock plus an offset the test moves: steps past a backoff or a lease without waiting for it. */
final class MutableClock extends Clock {
    private volatile Clock now = Clock.systemUTC();

    @Override
    public Instant instant() {
        return now.instant();
    }

    /** Moves this clock, and only this one, {@code d} ahead. */
    void advance(Duration d) {
        now = Clock.offset(now, d);
    }

    @Override
    public ZoneId getZone() {
        return now.getZone();
    }

    /** The clock as it is now, in {@code zone}: later advances do not move it. */
    @Override
    public Clock withZone(ZoneId zone) {
        return now.withZone(zone);
    }
}
