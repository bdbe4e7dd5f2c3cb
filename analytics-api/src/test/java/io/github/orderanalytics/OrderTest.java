package io.github.orderanalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTest {
    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static Order.Builder order() {
        return Order.builder("ord_1001", eur("49.99"));
    }

    @Test
    void buildsTheDesignExample() {
        Instant placedAt = Instant.parse("2026-11-27T10:15:30Z");
        Order order = order().placedAt(placedAt)
                .subtotal(eur("40.00"))
                .tax(eur("7.99"))
                .shipping(eur("2.00"))
                .discount(eur("0.00"))
                .coupon("WELCOME10")
                .item(LineItem.builder("prod_7", 2, eur("20.00"))
                        .sku("SKU-7")
                        .name("Mug")
                        .build())
                .property("channel", "web")
                .build();

        assertThat(order.orderId()).isEqualTo("ord_1001");
        assertThat(order.placedAt()).isEqualTo(placedAt);
        assertThat(order.revenue()).isEqualTo(eur("40.00"));
        assertThat(order.items()).hasSize(1);
        assertThat(order.properties()).containsExactly(Map.entry("channel", "web"));
        assertThat(order.toBuilder().build()).isEqualTo(order);
        assertThat(order.kind()).isEqualTo(OrderEvent.Kind.PLACED);
        assertThat(order.occurredAt()).isEqualTo(placedAt);
    }

    @Test
    void carriesTheCheckoutAndAffiliation() {
        Order order =
                order().checkoutId("chk_5").affiliation("Main street store").build();

        assertThat(order.checkoutId()).contains("chk_5");
        assertThat(order.affiliation()).contains("Main street store");
        assertThat(order.toBuilder().build()).isEqualTo(order);
        assertThat(order.toBuilder().checkoutId("chk_6").build()).isNotEqualTo(order);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().checkoutId(" "))
                .withMessage("checkoutId must not be blank: ' '");
    }

    @Test
    void revenueIsTotalLessTaxAndShippingWhereSet() {
        assertThat(order().build().revenue()).isEqualTo(eur("49.99"));
        assertThat(order().tax(eur("7.99")).build().revenue()).isEqualTo(eur("42.00"));
        assertThat(order().shipping(eur("4.99")).build().revenue()).isEqualTo(eur("45.00"));
    }

    @Test
    void placedAtDefaultsToTheTimeOfBuild() {
        Instant before = Instant.now();
        Order order = order().build();

        assertThat(order.placedAt()).isBetween(before, Instant.now());
    }

    @Test
    void rejectsAmountsInAnotherCurrency() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().tax(Money.of("1.00", "USD")))
                .withMessage("tax is in USD but the order total is in EUR: 1.00 USD");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().item(
                                LineItem.builder("p", 1, eur("1.00")).build())
                        .item(LineItem.builder("q", 1, Money.of("100", "JPY")).build()))
                .withMessage("items[1].price is in JPY but the order total is in EUR: 100 JPY");
    }

    @Test
    void rejectsTaxAndShippingAboveTheTotal() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> order().tax(eur("40.00")).shipping(eur("10.00")).build())
                .withMessage("tax and shipping (50.00 EUR) must not exceed the total (49.99 EUR)");
    }

    @Test
    void rejectsBlankIdsAndCoupons() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Order.builder("", eur("1")))
                .withMessage("orderId must not be blank: ''");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().coupon(" "))
                .withMessage("coupon must not be blank: ' '");
        assertThatNullPointerException()
                .isThrownBy(() -> Order.builder("o", null))
                .withMessage("total == null");
        assertThatNullPointerException()
                .isThrownBy(() -> order().placedAt(null))
                .withMessage("placedAt == null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"order_id", "total", "currency", "revenue", "products", "identity_type", "distinct_id"})
    void rejectsPropertyKeysThatClashWithStandardProperties(String key) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().property(key, 1))
                .withMessage("property key clashes with a standard order event property: '" + key + "'");
    }

    @Test
    void rejectsReservedAndBlankPropertyKeys() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().property("$set", Map.of()))
                .withMessage("property key must not start with '$' (reserved by PostHog): '$set'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().property("", 1))
                .withMessage("property key must not be blank: ''");
        assertThatNullPointerException()
                .isThrownBy(() -> order().property(null, 1))
                .withMessage("property key == null");
    }

    @Test
    void rejectsValuesThatAreNotJsonLike() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().property("x", new Object()))
                .withMessage("properties.x must be null, a String, Boolean, finite Number, java.time date, time or"
                        + " amount of time, or a List or Map of those, was java.lang.Object");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().property("ratio", Double.NaN))
                .withMessage("properties.ratio must be a finite number, was NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().property("n", new AtomicLong(3)))
                .withMessage(
                        "properties.n must be an Integer, Long, Short, Byte, Double, Float, BigInteger or BigDecimal,"
                                + " was java.util.concurrent.atomic.AtomicLong");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().property("cart", Map.of("tags", List.of("a", Set.of("b")))))
                .withMessageStartingWith("properties.cart.tags[1] must be null, a String");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().property("m", Map.of(1, "one")))
                .withMessage("properties.m has a key that is not a String but java.lang.Integer");
    }

    @Test
    void rejectsCyclesThroughTheDepthLimit() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> order().property("loop", cycle))
                .withMessageEndingWith("is nested deeper than 8 levels (a cycle?)");
    }

    @Test
    void acceptsJsonLikeValuesAndCopiesThem() {
        Map<String, Object> cart = new HashMap<>();
        List<Object> tags = new ArrayList<>(List.of("gift"));
        cart.put("tags", tags);
        cart.put("note", null);
        Order order = order().property("cart", cart)
                .property("n", 3)
                .property("big", new BigInteger("12345678901234567890"))
                .property("ratio", 0.25)
                .property("exact", new BigDecimal("1.10"))
                .property("day", LocalDate.of(2026, 11, 27))
                .property("vip", true)
                .property("nothing", null)
                .build();
        tags.add("changed later");
        cart.put("added", "later");

        @SuppressWarnings("unchecked")
        Map<String, Object> copied = (Map<String, Object>) order.properties().get("cart");
        assertThat(copied).containsOnlyKeys("tags", "note");
        assertThat(copied.get("tags")).isEqualTo(List.of("gift"));
        assertThatThrownBy(() -> order.properties().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copied.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(order.properties()).containsKeys("n", "big", "ratio", "exact", "day", "vip", "nothing");
    }

    @Test
    void limitsTheNumberOfItemsAndProperties() {
        Order.Builder b = order();
        LineItem item = LineItem.builder("p", 1, eur("0.01")).build();
        for (int i = 0; i < Order.MAX_ITEMS; i++) {
            b.item(item);
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() -> b.item(item))
                .withMessage("items: an order has at most 1000 line items");

        Order.Builder p = order();
        for (int i = 0; i < Order.MAX_PROPERTIES; i++) {
            p.property("k" + i, i);
        }
        p.property("k0", "replacing is fine");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> p.property("one_more", 1))
                .withMessage("properties: an order has at most 200 custom properties, cannot add 'one_more'");
    }

    @Test
    void rejectsOrdersTooLargeForOnePostHogEvent() {
        Order.Builder b = order();
        for (int i = 0; i < Order.MAX_ITEMS; i++) {
            b.item(LineItem.builder("prod_" + i, 1, eur("0.01"))
                    .name("\u20ac".repeat(200))
                    .build());
        }

        assertThatIllegalArgumentException()
                .isThrownBy(b::build)
                .withMessageMatching("order ord_1001 is too large for one PostHog event: up to \\d+ bytes as JSON,"
                        + " the limit is 524288 \\(fewer items or smaller custom properties\\)");
    }

    @Test
    void itemsAndPropertiesKeepTheirOrder() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("z", 1);
        props.put("a", 2);
        Order order = order().properties(props)
                .items(List.of(
                        LineItem.builder("b", 1, eur("1")).build(),
                        LineItem.builder("a", 1, eur("1")).build()))
                .build();

        assertThat(order.properties().keySet()).containsExactly("z", "a");
        assertThat(order.items()).extracting(LineItem::productId).containsExactly("b", "a");
        assertThat(order.toString())
                .isEqualTo("Order{ord_1001, total=49.99 EUR, placedAt=" + order.placedAt() + ", items=2}");
    }
}
