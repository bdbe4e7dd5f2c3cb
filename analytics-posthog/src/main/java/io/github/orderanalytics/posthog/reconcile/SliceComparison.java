package io.github.orderanalytics.posthog.reconcile;

import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One slice's comparison. First pass: the expected events into a compact {@link ExpectedTable}, as the
 * writer would put their fields on the wire (an order's {@code total} and {@code revenue}, a refund's
 * {@code revenue} negated, a cancellation without either). Then each stored row as it is read. Second
 * pass, only when something is missing or a {@code distinct_id} differs: the shop's events read again, to
 * hand back the missing ones and the expected {@code distinct_id}s in full.
 */
final class SliceComparison {
    private static final OrderEvent.Kind[] KINDS = OrderEvent.Kind.values();
    private static final byte REPORTED = 3;

    private final PostHogEventMapper mapper;
    private final ExpectedTable table = new ExpectedTable();
    private final Set<UUID> unexpectedSeen = new HashSet<>();
    private final List<StoredEvent> unexpected = new ArrayList<>();
    private final List<Mismatch> mismatched = new ArrayList<>();
    /** Where in {@link #mismatched} a differing {@code distinct_id} waits for its expected text. */
    private final Map<UUID, Integer> distinctToFill = new HashMap<>();

    private final Set<UUID> reported = new HashSet<>();
    private long found;

    SliceComparison(PostHogEventMapper mapper) {
        this.mapper = mapper;
    }

    /** An expected event (first pass); the same uuid twice, a record read twice, is one event. */
    void expect(ExpectedEvent expected) {
        OrderEvent event = expected.event();
        Money total = null;
        BigDecimal revenue = null;
        if (event instanceof Order order) {
            total = order.total();
            revenue = order.revenue().amount();
        } else if (event instanceof Refund refund) {
            total = refund.total();
            revenue = refund.revenue().amount().negate();
        }
        table.add(
                PostHogEventMapper.uuid(event),
                (byte) event.kind().ordinal(),
                ExpectedTable.hash(mapper.distinctId(event, expected.identity())),
                total == null ? null : total.amount(),
                revenue,
                total == null ? null : total.currencyCode());
    }

    /** A row of the stored events' query. */
    void stored(String[] row) {
        UUID uuid = UUID.fromString(row[StoredEventsQuery.UUID]);
        int slot = table.find(uuid);
        if (slot < 0) {
            if (unexpectedSeen.add(uuid)) {
                unexpected.add(new StoredEvent(
                        uuid,
                        String.valueOf(row[StoredEventsQuery.EVENT]),
                        String.valueOf(row[StoredEventsQuery.DISTINCT_ID]),
                        row[StoredEventsQuery.ORDER_ID],
                        StoredEventsQuery.parseTime(row[StoredEventsQuery.TIMESTAMP])));
            }
            return;
        }
        if (table.state(slot) == ExpectedTable.FOUND) {
            return; // another stored copy of the same event: PostHog merges them, eventually
        }
        table.found(slot);
        found++;
        text(uuid, "event", KINDS[table.kind(slot)].eventName(), row[StoredEventsQuery.EVENT]);
        String distinct = row[StoredEventsQuery.DISTINCT_ID];
        if (distinct == null || ExpectedTable.hash(distinct) != table.distinct(slot)) {
            distinctToFill.put(uuid, mismatched.size());
            mismatched.add(new Mismatch(uuid, "distinct_id", null, distinct));
        }
        decimal(uuid, "total", table.total(slot), row[StoredEventsQuery.TOTAL]);
        decimal(uuid, "revenue", table.revenue(slot), row[StoredEventsQuery.REVENUE]);
        text(uuid, "currency", table.currency(slot), row[StoredEventsQuery.CURRENCY]);
    }

    private void text(UUID uuid, String field, @Nullable String want, @Nullable String stored) {
        if (!Objects.equals(want, stored)) {
            mismatched.add(new Mismatch(uuid, field, want, stored));
        }
    }

    /** Money as exact decimals: PostHog may give back {@code 40.0} for {@code 40.00}, or text. */
    private void decimal(UUID uuid, String field, @Nullable BigDecimal want, @Nullable String stored) {
        BigDecimal s = decimalOrNull(stored);
        boolean same = want == null ? stored == null : s != null && want.compareTo(s) == 0;
        if (!same) {
            mismatched.add(new Mismatch(uuid, field, want == null ? null : want.toPlainString(), stored));
        }
    }

    private static @Nullable BigDecimal decimalOrNull(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null; // not a number: a mismatch, shown as PostHog gave it
        }
    }

    /** Whether the shop's events must be read again: something is missing, or a distinct id differs. */
    boolean needsSecondPass() {
        return found < table.size() || !distinctToFill.isEmpty();
    }

    /** An expected event read again (second pass): kept if it is missing, its distinct id if it differed. */
    void again(ExpectedEvent expected, Tally tally) {
        UUID uuid = PostHogEventMapper.uuid(expected.event());
        int slot = table.find(uuid);
        if (slot < 0) {
            return; // not there the first time: the shop's records changed in between
        }
        if (table.state(slot) == ExpectedTable.EXPECTED && reported.add(uuid)) {
            tally.missing.add(expected);
        }
        Integer at = distinctToFill.remove(uuid);
        if (at != null) {
            Mismatch m = mismatched.get(at);
            mismatched.set(
                    at,
                    new Mismatch(
                            uuid, m.field(), mapper.distinctId(expected.event(), expected.identity()), m.stored()));
        }
    }

    /** Adds this slice to {@code tally}. */
    void finish(Tally tally) {
        tally.expected += table.size();
        tally.found += found;
        tally.unexpected.addAll(unexpected);
        tally.mismatched.addAll(mismatched);
    }
}
