package io.github.orderanalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefundTest {
    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static Refund.Builder refund() {
        return Refund.builder("ord_1001", "re_77", eur("20.00"));
    }

    @Test
    void buildsTheDesignExample() {
        Instant refundedAt = Instant.parse("2026-11-30T09:00:00Z");
        LineItem mug = LineItem.builder("prod_7", 1, eur("20.00")).name("Mug").build();
        Refund refund = refund().refundedAt(refundedAt)
                .reason("damaged")
                .item(mug)
                .property("channel", "support")
                .build();

        assertThat(refund.kind()).isEqualTo(OrderEvent.Kind.REFUNDED);
        assertThat(refund.orderId()).isEqualTo("ord_1001");
        assertThat(refund.refundId()).isEqualTo("re_77");
        assertThat(refund.total()).isEqualTo(eur("20.00"));
        assertThat(refund.refundedAt()).isEqualTo(refundedAt).isEqualTo(refund.occurredAt());
        assertThat(refund.reason()).contains("damaged");
        assertThat(refund.items()).containsExactly(mug);
        assertThat(refund.properties()).containsExactly(Map.entry("channel", "support"));
        assertThat(refund.toBuilder().build()).isEqualTo(refund).hasSameHashCodeAs(refund);
        assertThat(refund.toBuilder().reason("late").build()).isNotEqualTo(refund);
    }

    @Test
    void theRevenueGivenBackExcludesTaxAndShippingRefunded() {
        assertThat(refund().build().revenue()).isEqualTo(eur("20.00"));
        assertThat(refund().tax(eur("3.19")).shipping(eur("2.00")).build().revenue())
                .isEqualTo(eur("14.81"));
        assertThat(refund().shipping(eur("20.00")).build().revenue()).isEqualTo(eur("0.00"));
    }

    @Test
    void refundedAtDefaultsToTheTimeOfBuild() {
        Instant before = Instant.now();
        Refund refund = refund().build();
        assertThat(refund.refundedAt()).isBetween(before, Instant.now());
    }

    @Test
    void theTotalMustBeMoreThanZero() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Refund.builder("ord_1", "re_1", eur("0.00")))
                .withMessage("total is the amount refunded and must be greater than zero: 0.00 EUR"
                        + " (refund re_1 of order ord_1)");
    }

    @Test
    void rejectsAmountsInAnotherCurrencyThanItsTotal() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> refund().tax(Money.of("1.00", "USD")))
                .withMessage("tax is in USD but the refund total is in EUR: 1.00 USD");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> refund().item(
                                LineItem.builder("q", 1, Money.of("100", "JPY")).build()))
                .withMessage("items[0].price is in JPY but the refund total is in EUR: 100 JPY");
    }

    @Test
    void builtFromItsOrderItIsCheckedAgainstIt() {
        Order order = Order.builder("ord_1001", eur("49.99")).build();

        assertThat(Refund.builder(order, "re_1", eur("49.99")).build().orderId())
                .isEqualTo("ord_1001");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Refund.builder(order, "re_1", Money.of("10.00", "USD")))
                .withMessage("total is in USD but the order total is in EUR: 10.00 USD");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Refund.builder(order, "re_1", eur("50.00")))
                .withMessage("total (50.00 EUR) must not exceed the order's total (49.99 EUR)");
        assertThatNullPointerException()
                .isThrownBy(() -> Refund.builder((Order) null, "re_1", eur("1.00")))
                .withMessage("order == null");
    }

    @Test
    void rejectsTaxAndShippingAboveTheTotal() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> refund().tax(eur("15.00")).shipping(eur("10.00")).build())
                .withMessage("tax and shipping (25.00 EUR) must not exceed the total (20.00 EUR)");
    }

    @Test
    void rejectsBadTextNamingTheField() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Refund.builder(" ", "re_1", eur("1.00")))
                .withMessage("orderId must not be blank: ' '");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Refund.builder("ord_1", "", eur("1.00")))
                .withMessage("refundId must not be blank: ''");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Refund.builder("ord_1", "re\n1", eur("1.00")))
                .withMessage("refundId must not contain control characters (U+000A at index 2): 're\\u000a1'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> refund().reason("r".repeat(1001)))
                .withMessageStartingWith("reason must be at most 1000 characters, was 1001: 'rrr");
        assertThatNullPointerException()
                .isThrownBy(() -> Refund.builder("ord_1", "re_1", null))
                .withMessage("total == null");
        assertThatNullPointerException()
                .isThrownBy(() -> refund().refundedAt(null))
                .withMessage("refundedAt == null");
    }

    @Test
    void refundedAtMoreThan23HoursAheadIsRefused() {
        Instant tooLate = Instant.now().plus(Duration.ofHours(24));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> refund().refundedAt(tooLate))
                .withMessage("refundedAt must be at most 23 hours ahead of now, as PostHog moves later events to"
                        + " the time they arrive: " + tooLate);
    }

    @Test
    void refundIdWithAColonIsRefusedSoThatTwoRefundsNeverShareAUuid() {
        // ("a:b", "c") and ("a", "b:c") would both be named "order-analytics:order_refunded:a:b:c"
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Refund.builder("a", "b:c", eur("1.00")))
                .withMessage("refundId must not contain ':' (it separates the order id from the refund id in the"
                        + " event's uuid): 'b:c'");
        assertThat(Refund.builder("a:b", "c", eur("1.00")).build().refundId()).isEqualTo("c");
    }

    @Test
    void eventTimesBeforeTheEpochAreRefusedWhenSet() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> refund().refundedAt(Instant.MIN))
                .withMessage("refundedAt must not be before 1970-01-01T00:00:00Z, where PostHog's timestamps start: "
                        + Instant.MIN);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Order.builder("ord_1", eur("1.00")).placedAt(Instant.EPOCH.minusNanos(1)))
                .withMessageStartingWith("placedAt must not be before 1970-01-01T00:00:00Z");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Cancellation.builder("ord_1").cancelledAt(Instant.parse("1969-12-31T23:59:59Z")))
                .withMessageStartingWith("cancelledAt must not be before 1970-01-01T00:00:00Z");
        assertThat(Order.builder("ord_1", eur("1.00"))
                        .placedAt(Instant.EPOCH)
                        .build()
                        .placedAt())
                .isEqualTo(Instant.EPOCH);
    }

    @Test
    void propertiesFollowTheOrdersRules() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> refund().property("refund_id", "x"))
                .withMessage("property key clashes with a standard order event property: 'refund_id'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> refund().property("$set", "x"))
                .withMessage("property key must not start with '$' (reserved by PostHog): '$set'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> refund().property("when", new Object()))
                .withMessageStartingWith("properties.when ");
        List<Object> copied = new ArrayList<>(List.of("a"));
        Refund refund = refund().property("list", copied).build();
        copied.add("b");
        assertThat(refund.properties().get("list")).isEqualTo(List.of("a"));
    }

    @Test
    void limitsItemsPropertiesAndSizeAsAnOrderDoes() {
        Refund.Builder b = refund();
        LineItem item = LineItem.builder("p", 1, eur("0.01")).build();
        for (int i = 0; i < Order.MAX_ITEMS; i++) {
            b.item(item);
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() -> b.item(item))
                .withMessage("items: a refund has at most 1000 line items");

        Refund.Builder p = refund();
        for (int i = 0; i < Order.MAX_PROPERTIES; i++) {
            p.property("k" + i, i);
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() -> p.property("one_more", 1))
                .withMessage("properties: a refund has at most 200 custom properties, cannot add 'one_more'");

        Refund.Builder large = refund();
        for (int i = 0; i < Order.MAX_ITEMS; i++) {
            large.item(LineItem.builder("prod_" + i, 1, eur("0.01"))
                    .name("\u20ac".repeat(200))
                    .build());
        }
        assertThatIllegalArgumentException()
                .isThrownBy(large::build)
                .withMessageMatching("refund re_77 of order ord_1001 is too large for one PostHog event: up to \\d+"
                        + " bytes as JSON, the limit is 524288 \\(fewer items or smaller custom properties\\)");
    }

    @Test
    void reportsItselfByItsOwnMethod() {
        List<String> calls = new ArrayList<>();
        refund().build().reportTo(new CallLog(calls), Identity.customer("c"));
        assertThat(calls).containsExactly("orderRefunded ord_1001");
    }

    @Test
    void toStringLeavesOutTheReasonAndProperties() {
        Refund refund = refund().reason("jane's parcel")
                .property("note", "secret")
                .refundedAt(Instant.parse("2026-11-30T09:00:00Z"))
                .build();
        assertThat(refund.toString())
                .isEqualTo("Refund{ord_1001/re_77, total=20.00 EUR, refundedAt=2026-11-30T09:00:00Z, items=0}");
    }

    /** Records which method was called: the API has no test double of its own. */
    record CallLog(List<String> calls) implements OrderAnalytics {
        @Override
        public void orderPlaced(Order order, Identity identity) {
            calls.add("orderPlaced " + order.orderId());
        }

        @Override
        public void orderRefunded(Refund refund, Identity identity) {
            calls.add("orderRefunded " + refund.orderId());
        }

        @Override
        public void orderCancelled(Cancellation cancellation, Identity identity) {
            calls.add("orderCancelled " + cancellation.orderId());
        }
    }
}
