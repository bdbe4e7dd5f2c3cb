package io.github.orderanalytics.posthog.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The one HogQL query a check makes, page after page: the stored order events of a period, in
 * {@code (timestamp, uuid)} order, after a keyset. PostHog's rules shape it (DESIGN §12): no {@code
 * OFFSET} (refused for personal keys) but a keyset on {@code (timestamp, uuid)}; no {@code FINAL}; every
 * time given in UTC explicitly, as {@code toDateTime64(..., 6, 'UTC')} (a naked date-time is read in
 * the project's zone, and {@code toDateTime} drops the microseconds); the shop's values only through
 * placeholders; one row more than the page, to know whether there is another without asking.
 */
final class StoredEventsQuery {
    private StoredEventsQuery() {}

    /** The most rows PostHog returns for any {@code LIMIT}; more are cut without a word. */
    static final int SERVER_ROW_CAP = 50_000;

    /** Columns of a row, in order. */
    static final int UUID = 0;

    static final int EVENT = 1;
    static final int DISTINCT_ID = 2;
    static final int ORDER_ID = 3;
    static final int TIMESTAMP = 4;
    static final int TOTAL = 5;
    static final int REVENUE = 6;
    static final int CURRENCY = 7;

    private static final String TEXT = "SELECT uuid, event, distinct_id, properties.order_id,"
            + " toString(toTimeZone(timestamp, 'UTC')), properties.total, properties.revenue, properties.currency"
            + " FROM events"
            + " WHERE event IN ('order_placed', 'order_refunded', 'order_cancelled')"
            + " AND timestamp >= toDateTime64({period_start}, 6, 'UTC')"
            + " AND timestamp < toDateTime64({period_end}, 6, 'UTC')"
            + " AND (timestamp > toDateTime64({after_time}, 6, 'UTC')"
            + " OR (timestamp = toDateTime64({after_time}, 6, 'UTC') AND uuid > toUUID({after_uuid})))"
            + " ORDER BY timestamp, uuid"
            + " LIMIT %d";

    /** Before every uuid: the keyset of the first page, with a time one microsecond before the period. */
    static final String FIRST_UUID = new UUID(0, 0).toString();

    /** ClickHouse's text of a DateTime64(6), as the query sends it. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    /** The query text for pages of {@code pageSize} rows. */
    static String text(int pageSize) {
        return TEXT.formatted(pageSize + 1);
    }

    /** The placeholders' values: the period, and the keyset after which the page starts. */
    static Map<String, String> values(Instant from, Instant to, String afterTime, String afterUuid) {
        return Map.of(
                "period_start", time(from), "period_end", time(to), "after_time", afterTime, "after_uuid", afterUuid);
    }

    /** The keyset time of the first page: just before the period, so the period's first event is after it. */
    static String before(Instant from) {
        return time(from.minus(Duration.ofNanos(1000)));
    }

    /** {@code t} in UTC, to the microsecond, as ClickHouse reads it. */
    static String time(Instant t) {
        return TIME.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    /** A time as PostHog returned it: ClickHouse's text in UTC, or ISO-8601 with an offset. */
    static Instant parseTime(String text) {
        if (text.indexOf('T') > 0) {
            return OffsetDateTime.parse(text).toInstant();
        }
        // ClickHouse's toString: "2026-12-01 10:00:00.123456", or without a fraction; ISO's reader takes both
        // once a 'T' joins date and time.
        return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
