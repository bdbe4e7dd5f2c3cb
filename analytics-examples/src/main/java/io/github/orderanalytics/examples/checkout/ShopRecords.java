package io.github.orderanalytics.examples.checkout;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.reconcile.ExpectedEvent;
import io.github.orderanalytics.posthog.reconcile.ExpectedOrderEvents;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shop's own record of what it reported, for the starter's reconciliation: each order placed, and
 * for each cancelled order its refund and its cancellation, rebuilt from the orders tables exactly as
 * {@link CheckoutService} reported them (same ids, amounts and identity, the browser id kept with the
 * order included), so that PostHog's copy can be checked against them and repaired from them.
 */
@Component
class ShopRecords implements ExpectedOrderEvents {
    private final JdbcClient jdbc;

    ShopRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Stream<ExpectedEvent> between(Instant from, Instant to) {
        OffsetDateTime start = from.atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.atOffset(ZoneOffset.UTC);
        List<ExpectedEvent> events = new ArrayList<>();
        for (Row row : jdbc.sql("SELECT id, customer_id, guest_email, total, currency, placed_at, cancelled_at,"
                        + " browser_distinct_id FROM orders WHERE placed_at >= ? AND placed_at < ?"
                        + " OR cancelled_at >= ? AND cancelled_at < ? ORDER BY id")
                .params(start, end, start, end)
                .query(Row.class)
                .list()) {
            Identity buyer = CheckoutService.buyer(row.customerId(), row.guestEmail())
                    .withBrowserDistinctId(row.browserDistinctId());
            Instant placedAt = row.placedAt().toInstant();
            if (!placedAt.isBefore(from) && placedAt.isBefore(to)) {
                events.add(ExpectedEvent.of(placed(row), buyer));
            }
            if (row.cancelledAt() != null) {
                Instant cancelledAt = row.cancelledAt().toInstant();
                if (!cancelledAt.isBefore(from) && cancelledAt.isBefore(to)) {
                    events.add(ExpectedEvent.of(
                            CheckoutService.cancellationRefund(row.id(), row.total(), cancelledAt), buyer));
                    events.add(ExpectedEvent.of(CheckoutService.cancellation(row.id(), cancelledAt), buyer));
                }
            }
        }
        return events.stream();
    }

    private Order placed(Row row) {
        List<LineItem> items = jdbc.sql("SELECT l.sku, l.quantity, l.unit_price, p.name FROM order_line l"
                        + " JOIN product p ON p.sku = l.sku WHERE l.order_id = ? ORDER BY l.sku")
                .param(row.id())
                .query((r, n) -> LineItem.builder(
                                r.getString(1), r.getInt(2), Money.of(r.getBigDecimal(3), row.currency()))
                        .name(r.getString(4))
                        .build())
                .list();
        return Order.builder(row.id(), Money.of(row.total(), row.currency()))
                .placedAt(row.placedAt().toInstant())
                .items(items)
                .build();
    }

    /** An order row as the records read it. */
    record Row(
            String id,
            String customerId,
            String guestEmail,
            BigDecimal total,
            String currency,
            OffsetDateTime placedAt,
            OffsetDateTime cancelledAt,
            String browserDistinctId) {}
}
