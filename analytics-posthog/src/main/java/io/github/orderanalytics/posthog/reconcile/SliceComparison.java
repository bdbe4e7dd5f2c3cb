package io.github.orderanalytics.posthog.reconcile;

import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One slice's comparison: the expected events by uuid, then each stored row as it is read. An expected
 * event's fields are worked out only when PostHog holds its uuid, to compare them.
 */
final class SliceComparison {
    private final PostHogEventMapper mapper;
    private final Map<UUID, Slot> expected = new LinkedHashMap<>();
    private final Set<UUID> unexpectedSeen = new HashSet<>();
    private final Tally found = new Tally();

    SliceComparison(PostHogEventMapper mapper) {
        this.mapper = mapper;
    }

    /** An expected event; the same uuid twice (a record read twice) is one event. */
    void expect(ExpectedEvent event) {
        expected.putIfAbsent(PostHogEventMapper.uuid(event.event()), new Slot(event));
    }

    /** A row of the stored events' query. */
    void stored(String[] row) {
        UUID uuid = UUID.fromString(row[StoredEventsQuery.UUID]);
        Slot slot = expected.get(uuid);
        if (slot == null) {
            if (unexpectedSeen.add(uuid)) {
                found.unexpected.add(new StoredEvent(
                        uuid,
                        String.valueOf(row[StoredEventsQuery.EVENT]),
                        String.valueOf(row[StoredEventsQuery.DISTINCT_ID]),
                        row[StoredEventsQuery.ORDER_ID],
                        StoredEventsQuery.parseTime(row[StoredEventsQuery.TIMESTAMP])));
            }
            return;
        }
        if (slot.found) {
            return; // another stored copy of the same event: PostHog merges them, eventually
        }
        slot.found = true;
        found.found++;
        compare(uuid, slot.event, row);
    }

    /**
     * The fields as the event writer puts them on the wire, taken from the event itself rather than from
     * its JSON: {@code total} and {@code revenue} of an order, a refund's {@code revenue} negated, a
     * cancellation without either.
     */
    private void compare(UUID uuid, ExpectedEvent expected, String[] row) {
        OrderEvent event = expected.event();
        text(uuid, "event", event.kind().eventName(), row[StoredEventsQuery.EVENT]);
        text(uuid, "distinct_id", mapper.distinctId(event, expected.identity()), row[StoredEventsQuery.DISTINCT_ID]);
        Money total = null;
        BigDecimal revenue = null;
        if (event instanceof Order order) {
            total = order.total();
            revenue = order.revenue().amount();
        } else if (event instanceof Refund refund) {
            total = refund.total();
            revenue = refund.revenue().amount().negate();
        }
        decimal(uuid, "total", total == null ? null : total.amount(), row[StoredEventsQuery.TOTAL]);
        decimal(uuid, "revenue", revenue, row[StoredEventsQuery.REVENUE]);
        text(uuid, "currency", total == null ? null : total.currencyCode(), row[StoredEventsQuery.CURRENCY]);
    }

    private void text(UUID uuid, String field, String want, String stored) {
        if (!Objects.equals(want, stored)) {
            found.mismatched.add(new Mismatch(uuid, field, want, stored));
        }
    }

    /** Money as exact decimals: PostHog may give back {@code 40.0} for {@code 40.00}, or text. */
    private void decimal(UUID uuid, String field, BigDecimal w, String stored) {
        BigDecimal s = decimalOrNull(stored);
        boolean same = w == null ? stored == null : s != null && w.compareTo(s) == 0;
        if (!same) {
            found.mismatched.add(new Mismatch(uuid, field, w == null ? null : w.toPlainString(), stored));
        }
    }

    private static BigDecimal decimalOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null; // not a number: a mismatch, shown as PostHog gave it
        }
    }

    /** Adds this slice to {@code tally}: the expected events PostHog does not hold are missing. */
    void finish(Tally tally) {
        tally.expected += expected.size();
        tally.found += found.found;
        for (Slot slot : expected.values()) {
            if (!slot.found) {
                tally.missing.add(slot.event);
            }
        }
        tally.unexpected.addAll(found.unexpected);
        tally.mismatched.addAll(found.mismatched);
    }

    private static final class Slot {
        final ExpectedEvent event;
        boolean found;

        Slot(ExpectedEvent event) {
            this.event = event;
        }
    }
}
