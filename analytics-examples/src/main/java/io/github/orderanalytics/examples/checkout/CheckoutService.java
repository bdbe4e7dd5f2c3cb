package io.github.orderanalytics.examples.checkout;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.spring.OrderCancelledEvent;
import io.github.orderanalytics.spring.OrderPlacedEvent;
import io.github.orderanalytics.spring.OrderRefundedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places an order (stores it, reports it, reserves its stock) and cancels one (gives the money back,
 * restocks, reports both), each in one transaction.
 */
@Service
public class CheckoutService {
    static final String CURRENCY = "EUR";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public CheckoutService(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** As {@link #placeOrder(PlaceOrderRequest, BrowserContext)}, for an order that came without a browser. */
    @Transactional
    public PlacedOrder placeOrder(PlaceOrderRequest request) {
        return placeOrder(request, null);
    }

    /**
     * Stores, reports and reserves an order. {@code browser} is what posthog-js sent with the request
     * (null if nothing): the order joins its visitor and session, and its distinct id is kept with the
     * order for the refund and cancellation that come later without it.
     */
    @Transactional
    public PlacedOrder placeOrder(PlaceOrderRequest request, BrowserContext browser) {
        String orderId = "ord_" + UUID.randomUUID();
        Instant placedAt = Instant.now();
        List<LineItem> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (CartLine line : request.lines()) {
            Product product = jdbc.sql("SELECT name, unit_price FROM product WHERE sku = ?")
                    .param(line.sku())
                    .query(Product.class)
                    .optional()
                    .orElseThrow(() -> new IllegalArgumentException("unknown product: " + line.sku()));
            items.add(LineItem.builder(line.sku(), line.quantity(), Money.of(product.unitPrice(), CURRENCY))
                    .name(product.name())
                    .build());
            total = total.add(product.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
        }
        Order order = Order.builder(orderId, Money.of(total, CURRENCY))
                .placedAt(placedAt)
                .items(items)
                .build();

        Identity buyer = buyer(request.customerId(), request.email());
        if (browser != null) {
            buyer = buyer.withBrowser(browser);
        }
        jdbc.sql("INSERT INTO orders (id, customer_id, guest_email, total, currency, placed_at, browser_distinct_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        orderId,
                        request.customerId(),
                        request.email(),
                        total,
                        CURRENCY,
                        placedAt.atOffset(ZoneOffset.UTC),
                        buyer.browserDistinctId().orElse(null)) // one column: the order's visitor in PostHog
                .update();
        for (CartLine line : request.lines()) {
            jdbc.sql("INSERT INTO order_line (order_id, sku, quantity, unit_price)"
                            + " SELECT ?, sku, ?, unit_price FROM product WHERE sku = ?")
                    .params(orderId, line.quantity(), line.sku())
                    .update();
        }

        // Published before the stock is reserved, on purpose: if that fails, the transaction rolls
        // back and the starter never reports the order. It reports after commit.
        events.publishEvent(new OrderPlacedEvent(order, buyer));

        for (CartLine line : request.lines()) {
            int reserved = jdbc.sql("UPDATE product SET in_stock = in_stock - ? WHERE sku = ? AND in_stock >= ?")
                    .params(line.quantity(), line.sku(), line.quantity())
                    .update();
            if (reserved == 0) {
                throw new OutOfStockException(line.sku());
            }
        }
        return new PlacedOrder(orderId, total, CURRENCY);
    }

    /**
     * Cancels a paid order: the whole total goes back (a refund), its stock returns, and the order is
     * off (a cancellation). Both are reported after commit, never if this fails, under the same PostHog
     * person as the order: the buyer, and the browser distinct id kept with the order. Called from the
     * back office or a payment webhook, there is no browser to ask.
     *
     * @throws IllegalArgumentException if there is no such order
     * @throws IllegalStateException if it was cancelled already
     */
    @Transactional
    public void cancelOrder(String orderId) {
        Instant now = Instant.now();
        PlacedRow placed = jdbc.sql(
                        "SELECT customer_id, guest_email, total, browser_distinct_id FROM orders WHERE id = ?")
                .param(orderId)
                .query(PlacedRow.class)
                .optional()
                .orElseThrow(() -> new IllegalArgumentException("unknown order: " + orderId));
        int cancelled = jdbc.sql("UPDATE orders SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL")
                .params(now.atOffset(ZoneOffset.UTC), orderId)
                .update();
        if (cancelled == 0) {
            throw new IllegalStateException("order " + orderId + " is cancelled already");
        }
        jdbc.sql("UPDATE product p SET in_stock = in_stock"
                        + " + (SELECT quantity FROM order_line l WHERE l.order_id = ? AND l.sku = p.sku)"
                        + " WHERE sku IN (SELECT sku FROM order_line WHERE order_id = ?)")
                .params(orderId, orderId)
                .update();

        // A guest's order went under the browser's visitor; its refund and cancellation must too.
        Identity buyer =
                buyer(placed.customerId(), placed.guestEmail()).withBrowserDistinctId(placed.browserDistinctId());
        events.publishEvent(new OrderRefundedEvent(cancellationRefund(orderId, placed.total(), now), buyer));
        events.publishEvent(new OrderCancelledEvent(cancellation(orderId, now), buyer));
    }

    /**
     * The refund of a cancelled order: its whole total, one per cancellation, so its id can be derived
     * and reporting it again counts it once. {@link ShopRecords} rebuilds it the same way.
     */
    static Refund cancellationRefund(String orderId, BigDecimal total, Instant at) {
        return Refund.builder(orderId, "cancel_" + orderId, Money.of(total, CURRENCY))
                .refundedAt(at)
                .reason("order_cancelled")
                .build();
    }

    static Cancellation cancellation(String orderId, Instant at) {
        return Cancellation.builder(orderId)
                .cancelledAt(at)
                .reason("customer_request")
                .build();
    }

    /** A signed-in customer, else a guest by email; one of them is required. */
    static Identity buyer(String customerId, String email) {
        if (customerId != null) {
            return Identity.customer(customerId);
        }
        if (email != null) {
            return Identity.guest(email);
        }
        throw new IllegalArgumentException("an order needs a customerId or, for a guest, an email");
    }

    /** What cancelling needs of an order row. */
    record PlacedRow(String customerId, String guestEmail, BigDecimal total, String browserDistinctId) {}

    /** A row of the product table. */
    record Product(String name, BigDecimal unitPrice) {}
}
