package io.github.orderanalytics.posthog.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.internal.wire.EventJson;
import io.github.orderanalytics.posthog.internal.wire.OrderEventWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile input, generated: every value is either built, or refused with a short, one-line message
 * naming its field, within a time bound; and what is built is written exactly, within its size
 * estimate. jqwik prints the seed of a failing run; rerun it with {@code @Property(seed = "...")}.
 */
class HostileInputPropertiesTest {
    private static final Duration TIME_BOUND = Duration.ofSeconds(2);
    private static final int MAX_MESSAGE = 400;
    private static final OrderEventWriter WRITER = OrderEventWriter.create(
            PostHogConfig.builder().linkBrowserToCustomer(true).build().event());

    /** Builds, or fails clearly: an IllegalArgumentException (or NPE) naming {@code field}, short and on one line. */
    private static <T> T buildsOrFailsClearly(String field, Supplier<T> build) {
        long start = System.nanoTime();
        T built = null;
        try {
            built = build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            assertThat(e.getMessage())
                    .as("the message of %s", e)
                    .contains(field)
                    .doesNotContain("\n", "\r")
                    .hasSizeLessThanOrEqualTo(MAX_MESSAGE);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIME_BOUND);
        return built;
    }

    @Property(tries = 300)
    void amountTexts(@ForAll("amountTexts") String text) {
        buildsOrFailsClearly("amount", () -> Money.of(text, "EUR"));
    }

    @Property(tries = 300)
    void amounts(@ForAll("decimals") BigDecimal amount) {
        Money money = buildsOrFailsClearly("amount", () -> Money.of(amount, "EUR"));
        if (money != null) {
            assertThat(money.amount().compareTo(amount)).isZero();
            assertThat(money.amount().scale()).isEqualTo(2);
        }
    }

    @Property(tries = 300)
    void ids(@ForAll("hostileText") String id) {
        buildsOrFailsClearly("customerId", () -> Identity.customer(id));
        buildsOrFailsClearly("anonymousId", () -> Identity.anonymous(id));
        buildsOrFailsClearly("sessionId", () -> Identity.customer("cus_42").withSessionId(id));
        buildsOrFailsClearly("orderId", () -> Order.builder(id, Money.of("1.00", "EUR")));
        buildsOrFailsClearly(
                "coupon", () -> Order.builder("ord_1", Money.of("1.00", "EUR")).coupon(id));
        buildsOrFailsClearly("productId", () -> LineItem.builder(id, 1, Money.of("1.00", "EUR")));
        buildsOrFailsClearly(
                "property key",
                () -> Order.builder("ord_1", Money.of("1.00", "EUR")).property(id, 1));
    }

    @Property(tries = 300)
    void guestEmails(@ForAll("emails") String email) {
        Identity guest = buildsOrFailsClearly("email", () -> Identity.guest(email));
        if (guest != null) {
            assertThat(guest.id()).hasSizeLessThanOrEqualTo(Identity.MAX_EMAIL_LENGTH);
            assertThat(Identity.guest(guest.id())).as("normalising is stable").isEqualTo(guest);
        }
    }

    @Property(tries = 200)
    void ordersWithHostileTextAndProperties(
            @ForAll("hostileText") String name,
            @ForAll("propertyValues") Object value,
            @ForAll("identities") Identity who)
            throws Exception {
        Order order = buildsOrFailsClearly(
                "properties",
                () -> Order.builder("ord_1", Money.of("10.00", "EUR"))
                        .property("value", value)
                        .build());
        LineItem item = buildsOrFailsClearly(
                "name",
                () -> LineItem.builder("prod_1", 1, Money.of("1.00", "EUR"))
                        .name(name)
                        .build());
        if (order == null || item == null) {
            return;
        }
        Order withItem = order;
        order = buildsOrFailsClearly(
                "properties", () -> withItem.toBuilder().item(item).build());
        if (order == null) {
            return;
        }

        Map<String, Object> properties = writtenWithinItsBound(order, who);
        assertThat(properties.get("value"))
                .isEqualTo(expected(order.properties().get("value")));
        @SuppressWarnings("unchecked")
        Map<String, Object> product = ((List<Map<String, Object>>) properties.get("products")).get(0);
        assertThat(product.get("name")).isEqualTo(name);
    }

    @Property(tries = 200)
    void refundsWithHostileTextAmountsAndProperties(
            @ForAll("hostileText") String text,
            @ForAll("decimals") BigDecimal amount,
            @ForAll("propertyValues") Object value,
            @ForAll("identities") Identity who)
            throws Exception {
        buildsOrFailsClearly("refundId", () -> Refund.builder("ord_1", text, Money.of("1.00", "EUR")));
        buildsOrFailsClearly(
                "reason",
                () -> Refund.builder("ord_1", "re_1", Money.of("1.00", "EUR")).reason(text));
        Money total = buildsOrFailsClearly("amount", () -> Money.of(amount, "EUR"));
        if (total == null) {
            return;
        }
        Refund withTotal = buildsOrFailsClearly(
                "total",
                () -> Refund.builder("ord_1", "re_1", total)
                        .tax(Money.of("0.01", "EUR"))
                        .item(LineItem.builder("prod_1", 1, Money.of("1.00", "EUR"))
                                .build())
                        .build());
        Refund withValue = buildsOrFailsClearly(
                "properties",
                () -> Refund.builder("ord_1", "re_1", Money.of("1.00", "EUR"))
                        .property("value", value)
                        .build());
        if (withTotal == null || withValue == null) {
            return;
        }
        Refund refund = buildsOrFailsClearly(
                "properties",
                () -> withTotal.toBuilder().properties(withValue.properties()).build());
        if (refund == null) {
            return;
        }

        Map<String, Object> properties = writtenWithinItsBound(refund, who);
        assertThat(properties.get("value"))
                .isEqualTo(expected(refund.properties().get("value")));
        assertThat((BigDecimal) properties.get("total")).isEqualByComparingTo(total.amount());
        assertThat(((BigDecimal) properties.get("revenue")).negate())
                .isEqualByComparingTo(refund.revenue().amount());
    }

    @Property(tries = 200)
    void cancellationsWithHostileTextAndProperties(
            @ForAll("hostileText") String text,
            @ForAll("propertyValues") Object value,
            @ForAll("identities") Identity who)
            throws Exception {
        buildsOrFailsClearly("orderId", () -> Cancellation.builder(text));
        Cancellation cancellation = buildsOrFailsClearly(
                "reason", () -> Cancellation.builder("ord_1").reason(text).build());
        Cancellation withValue = buildsOrFailsClearly(
                "properties",
                () -> Cancellation.builder("ord_1").property("value", value).build());
        for (Cancellation c : Arrays.asList(cancellation, withValue)) {
            if (c != null) {
                Map<String, Object> properties = writtenWithinItsBound(c, who);
                assertThat(properties).doesNotContainKeys("total", "revenue");
                assertThat(properties.get("reason")).isEqualTo(c.reason().orElse(null));
            }
        }
    }

    /**
     * Writes {@code event} as the batch holds it (a $identify beside it, if one goes with it), checks the
     * size against the estimate the queue counts, and reads the event's properties back.
     */
    private static Map<String, Object> writtenWithinItsBound(OrderEvent event, Identity who) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var g = EventJson.generator(out)) {
            WRITER.write(event, who, g);
        }
        byte[] json = out.toByteArray();
        assertThat(event.encodedSizeBound()).isLessThanOrEqualTo(Order.MAX_ENCODED_BYTES);
        assertThat((long) json.length)
                .as("bytes written, against the estimate")
                .isLessThanOrEqualTo(new Pending(event, who).size);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>)
                EventJson.parseObject(WRITER.toBytes(event, who)).get("properties");
        return properties;
    }

    /** What a property value reads back as: numbers as exact decimals of their written text. */
    private static Object expected(Object value) {
        if (value instanceof Float f) {
            return new BigDecimal(Float.toString(f));
        }
        if (value instanceof Double d) {
            return new BigDecimal(Double.toString(d));
        }
        if (value instanceof BigDecimal d) {
            String plain = d.toPlainString(); // as written: without a point it reads back as a whole number
            return plain.contains(".") ? new BigDecimal(plain) : expected(new BigInteger(plain));
        }
        if (value instanceof Number n) {
            BigInteger i = new BigInteger(n.toString());
            return i.bitLength() < 32 ? (Object) i.intValue() : i.bitLength() < 64 ? (Object) i.longValue() : i;
        }
        if (value instanceof ZonedDateTime z) {
            return z.toOffsetDateTime().toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, expected(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(expected(v)));
            return copy;
        }
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }

    @Provide
    Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(250), // any char: controls, lone surrogates, invisible ones
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(30),
                Arbitraries.of(
                        "null", " NULL ", "0", "undefined", "[object Object]", "anonymous", "guest", "\uD83D\uDE00ok"),
                Arbitraries.strings()
                        .withCharRange('\uD800', '\uDFFF')
                        .ofMinLength(1)
                        .ofMaxLength(3),
                Arbitraries.strings().all().ofMinLength(10_000).ofMaxLength(200_000));
    }

    @Provide
    Arbitrary<String> amountTexts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.integers().map(e -> "1E" + e),
                Arbitraries.longs().map(e -> "1E" + e),
                Arbitraries.integers().map(e -> "0.5E" + e),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5_000),
                Arbitraries.bigDecimals().map(BigDecimal::toString));
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(25)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(5_000)));
        Arbitrary<Integer> scale = Arbitraries.oneOf(Arbitraries.integers().between(-20, 20), Arbitraries.integers());
        return Combinators.combine(unscaled, scale).as(BigDecimal::new);
    }

    @Provide
    Arbitrary<String> emails() {
        Arbitrary<String> local = hostileText().filter(s -> s.length() < 300);
        return Arbitraries.oneOf(
                Combinators.combine(local, Arbitraries.of("example.com", "EXAMPLE.com ", "e\u0301x.fr"))
                        .as((l, d) -> l + "@" + d),
                Arbitraries.of(" Jane@Example.com ", "jane\u200b@example.com", "jane@exa\u0000mple.com", "a@b.c"),
                hostileText());
    }

    @Provide
    Arbitrary<Identity> identities() {
        return Arbitraries.of(
                Identity.customer("cus_42"),
                Identity.guest("jane@example.com"),
                Identity.anonymous("0192f7a3").withSessionId("01a21c72-9100-7cc2-8c3a-3f3b0d6e9a41"),
                Identity.customer("\u20ac".repeat(Order.MAX_ID_LENGTH)),
                // the longest browser ids, written twice with a $identify beside the order
                Identity.customer("\u20ac".repeat(Order.MAX_ID_LENGTH))
                        .withBrowser(BrowserContext.of(
                                "01a21c72-9100-7abc-9def-0123456789ab",
                                "01a21c72-9100-7cc2-8c3a-3f3b0d6e9a41",
                                "01a21c72-9100-7000-8000-000000000001")),
                Identity.guest("jane@example.com")
                        .withBrowser(BrowserContext.of("\u20ac".repeat(Order.MAX_ID_LENGTH), null)));
    }

    @Provide
    Arbitrary<Object> propertyValues() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300).map(s -> (Object) s),
                Arbitraries.strings()
                        .withCharRange('\uD800', '\uDFFF')
                        .ofMinLength(1)
                        .ofMaxLength(3)
                        .map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles()
                        .withSpecialValue(Double.NaN)
                        .withSpecialValue(Double.POSITIVE_INFINITY)
                        .withSpecialValue(1e300)
                        .map(d -> (Object) d),
                Arbitraries.floats()
                        .withSpecialValue(0.1f)
                        .withSpecialValue(Float.NaN)
                        .map(f -> (Object) f),
                decimals().map(d -> (Object) d),
                Arbitraries.bigIntegers()
                        .between(BigInteger.ZERO, BigInteger.TEN.pow(400))
                        .map(i -> (Object) i),
                Arbitraries.of(
                        Boolean.TRUE,
                        Instant.parse("2026-11-27T10:15:30Z"),
                        LocalDate.of(2026, 11, 27),
                        ZonedDateTime.of(2026, 11, 27, 10, 15, 30, 0, ZoneId.of("Europe/Paris")),
                        new AtomicLong(7),
                        ZoneId.of("Europe/Paris"),
                        new Object()),
                Arbitraries.just(null));
        return Arbitraries.recursive(
                () -> leaf,
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(2).map(l -> (Object) l),
                        Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(20), inner)
                                .ofMaxSize(2)
                                .map(m -> (Object) m),
                        Arbitraries.integers().between(1, 20).map(n -> nested(n))),
                0,
                10);
    }

    /** A list that claims a billion elements through sharing: 1000 × 1000 × 1000 strings. */
    private static Object nested(int n) {
        List<Object> level = java.util.Collections.nCopies(1_000, (Object) ("x" + n));
        return java.util.Collections.nCopies(1_000, java.util.Collections.nCopies(1_000, level));
    }
}
