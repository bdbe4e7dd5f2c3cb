package io.github.orderanalytics.benchmarks;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.Refund;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order every benchmark sends: two line items, every optional money field, a guest by email.
 * Each client gets what its users would have to build for the same event.
 */
final class Workload {
    private Workload() {}

    static final Instant PLACED_AT = Instant.parse("2026-11-27T10:15:30Z");

    static String email(int i) {
        return "buyer" + (i % 1000) + "@example.com";
    }

    /** Ours: the validated order and identity; mapping and hashing happen on the sender thread. */
    static Order order(int i) {
        // From BigDecimal amounts, as the SDKs' maps below: a shop has its prices as decimals already.
        return Order.builder("ord_" + i, Money.of(TOTAL, "EUR"))
                .placedAt(PLACED_AT)
                .subtotal(Money.of(SUBTOTAL, "EUR"))
                .tax(Money.of(TAX, "EUR"))
                .shipping(Money.of(SHIPPING, "EUR"))
                .discount(Money.of(DISCOUNT, "EUR"))
                .coupon("WELCOME5")
                .item(mugs())
                .item(tea())
                .property("channel", "web")
                .build();
    }

    /**
     * A refund of the same size as {@link #order(int)}: the same amount, tax, shipping and items, with a
     * refund id and reason where the order has a subtotal, discount and coupon.
     */
    static Refund refund(int i) {
        return Refund.builder("ord_" + i, "re_" + i, Money.of(TOTAL, "EUR"))
                .refundedAt(PLACED_AT)
                .tax(Money.of(TAX, "EUR"))
                .shipping(Money.of(SHIPPING, "EUR"))
                .reason("damaged")
                .item(mugs())
                .item(tea())
                .property("channel", "web")
                .build();
    }

    static Cancellation cancellation(int i) {
        return Cancellation.builder("ord_" + i)
                .cancelledAt(PLACED_AT)
                .reason("customer_request")
                .build();
    }

    static Identity identity(int i) {
        return Identity.guest(email(i));
    }

    /**
     * The guest of {@link #identity(int)} shopping in a browser that sent posthog-js's tracing headers,
     * with the context the starter's filter read from them attached. Reading the headers is measured
     * on its own ({@code BrowserContextBenchmark}); this is what the context adds to the order's call.
     */
    static Identity browserIdentity(int i) {
        return identity(i).withBrowser(BROWSERS[i % BROWSERS.length]);
    }

    /** A thousand browsers: posthog-js's anonymous distinct ids (UUIDv7 text), each with a session. */
    private static final BrowserContext[] BROWSERS = new BrowserContext[1000];

    static {
        long placed = PLACED_AT.toEpochMilli();
        for (int v = 0; v < BROWSERS.length; v++) {
            // the visitor arrived an hour before the order, the session started a minute before it
            BROWSERS[v] = BrowserContext.of(uuidV7(placed - 3_600_000 + v, v), uuidV7(placed - 60_000, v));
        }
    }

    private static String uuidV7(long millis, int n) {
        String hex = String.format("%012x", millis);
        return hex.substring(0, 8) + "-" + hex.substring(8) + String.format("-7%03x-8%03x-%012x", n & 0xfff, 0, n);
    }

    private static final BigDecimal TOTAL = new BigDecimal("64.99");
    private static final BigDecimal REVENUE = new BigDecimal("50.01");
    private static final BigDecimal SUBTOTAL = new BigDecimal("55.00");
    private static final BigDecimal TAX = new BigDecimal("9.99");
    private static final BigDecimal SHIPPING = new BigDecimal("4.99");
    private static final BigDecimal DISCOUNT = new BigDecimal("5.00");
    private static final BigDecimal PRICE_7 = new BigDecimal("20.00");
    private static final BigDecimal PRICE_9 = new BigDecimal("15.00");

    /** Built anew for each event, as a shop builds its orders. */
    private static LineItem mugs() {
        return LineItem.builder("prod_7", 2, Money.of(PRICE_7, "EUR"))
                .sku("SKU-7")
                .name("Mug")
                .build();
    }

    private static LineItem tea() {
        return LineItem.builder("prod_9", 1, Money.of(PRICE_9, "EUR"))
                .sku("SKU-9")
                .name("Tea")
                .build();
    }

    /** The official SDKs: the same properties as a map, as a user of them would build it. */
    static Map<String, Object> properties(int i) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("order_id", "ord_" + i);
        p.put("total", TOTAL);
        p.put("currency", "EUR");
        p.put("revenue", REVENUE);
        p.put("subtotal", SUBTOTAL);
        p.put("tax", TAX);
        p.put("shipping", SHIPPING);
        p.put("discount", DISCOUNT);
        p.put("coupon", "WELCOME5");
        Map<String, Object> mug = new LinkedHashMap<>();
        mug.put("product_id", "prod_7");
        mug.put("sku", "SKU-7");
        mug.put("name", "Mug");
        mug.put("price", PRICE_7);
        mug.put("quantity", 2);
        Map<String, Object> tea = new LinkedHashMap<>();
        tea.put("product_id", "prod_9");
        tea.put("sku", "SKU-9");
        tea.put("name", "Tea");
        tea.put("price", PRICE_9);
        tea.put("quantity", 1);
        p.put("products", List.of(mug, tea));
        p.put("identity_type", "guest");
        p.put("$process_person_profile", false);
        p.put("channel", "web");
        return p;
    }

    /** What a user of the official SDKs computes to keep the email out of PostHog, as we do. */
    static String guestDistinctId(int i) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(email(i).getBytes(StandardCharsets.UTF_8));
            return "guest_" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
