package io.github.orderanalytics.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * Browser ids shaped as posthog-js makes them, for tests of conversion attribution: PostHog takes a
 * {@code $session_id} only as a UUIDv7, and the library keeps it only for an order placed in the 24 hours
 * after the session's start, which the UUIDv7 holds.
 *
 * <pre>{@code
 * String session = BrowserIds.sessionStartedAt(order.placedAt().minusSeconds(60));
 * analytics.orderPlaced(order, Identity.guest(email).withBrowser(BrowserContext.of(null, session)));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class BrowserIds {
    private BrowserIds() {}

    /**
     * A session id (a UUIDv7) of a session that started at {@code start}, to the millisecond. The same
     * start gives the same id.
     */
    public static String sessionStartedAt(Instant start) {
        Objects.requireNonNull(start, "start == null");
        String millis = String.format("%012x", start.toEpochMilli());
        return millis.substring(0, 8) + "-" + millis.substring(8) + "-7bcd-8e11-22aa33bb44cc";
    }
}
