package io.github.orderanalytics.testkit.mockito;

import static io.github.orderanalytics.testkit.mockito.OrderMatchers.aCancellation;
import static io.github.orderanalytics.testkit.mockito.OrderMatchers.aCustomer;
import static io.github.orderanalytics.testkit.mockito.OrderMatchers.aGuest;
import static io.github.orderanalytics.testkit.mockito.OrderMatchers.aRefund;
import static io.github.orderanalytics.testkit.mockito.OrderMatchers.anAnonymousVisitor;
import static io.github.orderanalytics.testkit.mockito.OrderMatchers.anIdentity;
import static io.github.orderanalytics.testkit.mockito.OrderMatchers.anOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.testkit.BrowserIds;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each matcher takes what it names, refuses each difference, and says what it expects. */
class OrderMatchersTest {
    private static final Instant PLACED = Instant.parse("2026-12-03T10:15:30Z");

    private static final Order ORDER = Order.builder("ord_1001", Money.of("49.99", "EUR"))
            .placedAt(PLACED)
            .tax(Money.of("7.99", "EUR"))
            .shipping(Money.of("4.90", "EUR"))
            .discount(Money.of("5.00", "EUR"))
            .coupon("WELCOME5")
            .item(LineItem.builder("prod_7", 2, Money.of("21.00", "EUR")).build())
            .item(LineItem.builder("prod_9", 1, Money.of("3.09", "EUR")).build())
            .build();

    @Test
    void anOrderMatchesByItsIdAndEveryNamedDetail() {
        assertThat(anOrder("ord_1001").matches(ORDER)).isTrue();
        assertThat(anOrder("ord_1001")
                        .withTotal("49.99", "EUR")
                        .withTax("7.99", "EUR")
                        .withShipping("4.9", "EUR") // the same amount as 4.90: Money is at the currency's scale
                        .withDiscount("5.00", "EUR")
                        .withCoupon("WELCOME5")
                        .withItem("prod_7", 2)
                        .withItem("prod_9", 1)
                        .withItemCount(2)
                        .placedAt(PLACED)
                        .matches(ORDER))
                .isTrue();
    }

    @Test
    void anOrderRefusesEachDifference() {
        OrderMatcher id = anOrder("ord_1001");
        assertThat(anOrder("ord_1002").matches(ORDER)).isFalse();
        assertThat(id.withTotal("49.98", "EUR").matches(ORDER)).isFalse();
        assertThat(id.withTotal("49.99", "USD").matches(ORDER))
                .as("same amount, other currency")
                .isFalse();
        assertThat(id.withTax("8.00", "EUR").matches(ORDER)).isFalse();
        assertThat(id.withShipping("0.00", "EUR").matches(ORDER)).isFalse();
        assertThat(id.withDiscount("5.01", "EUR").matches(ORDER)).isFalse();
        assertThat(id.withCoupon("welcome5").matches(ORDER)).isFalse();
        assertThat(id.withItem("prod_7", 1).matches(ORDER))
                .as("right product, wrong quantity")
                .isFalse();
        assertThat(id.withItem("prod_8", 2).matches(ORDER)).isFalse();
        assertThat(id.withItemCount(1).matches(ORDER)).isFalse();
        assertThat(id.placedAt(PLACED.plusMillis(1)).matches(ORDER)).isFalse();
        assertThat(id.matches(null)).as("null is no order").isFalse();
    }

    @Test
    void anOrderWithoutTheOptionalPartsRefusesMatchersThatNameThem() {
        Order bare = Order.builder("ord_1001", Money.of("49.99", "EUR")).build();

        assertThat(anOrder("ord_1001").withTax("0.00", "EUR").matches(bare)).isFalse();
        assertThat(anOrder("ord_1001").withCoupon("WELCOME5").matches(bare)).isFalse();
        assertThat(anOrder("ord_1001").withItemCount(0).matches(bare)).isTrue();
    }

    @Test
    void eachMethodReturnsANewMatcherAndLeavesItsReceiverAsItWas() {
        OrderMatcher id = anOrder("ord_1001");
        OrderMatcher wrongTotal = id.withTotal("1.00", "EUR");

        assertThat(wrongTotal).isNotSameAs(id);
        assertThat(id.matches(ORDER)).isTrue();
        assertThat(id).hasToString("an order ord_1001");
    }

    @Test
    void matchersDescribeThemselvesInTheWordsTheyWereGiven() {
        assertThat(anOrder("ord_1001")
                        .withTotal("49.9", "EUR")
                        .withItem("prod_7", 2)
                        .withItemCount(1)
                        .withCoupon("WELCOME5"))
                .hasToString("an order ord_1001 with total 49.90 EUR, item prod_7 x 2, 1 item, coupon WELCOME5");
        assertThat(aRefund("ord_1001", "re_77").withTotal("20", "EUR").withReason("damaged"))
                .hasToString("a refund re_77 of order ord_1001 with total 20.00 EUR, reason damaged");
        assertThat(aCancellation("ord_1001").withReason("fraud"))
                .hasToString("a cancellation of order ord_1001 with reason fraud");
        assertThat(aCustomer("cus_42")).hasToString("a customer cus_42");
        assertThat(aGuest("Jane@Example.com")).hasToString("a guest jane@example.com");
        assertThat(anAnonymousVisitor("anon_1").withoutBrowser())
                .hasToString("an anonymous visitor anon_1 with no browser context");
    }

    @Test
    void badExpectationsFailWhenTheMatcherIsBuiltNamingTheFieldAndValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> anOrder("ord_1").withTotal("49.999", "EUR"))
                .withMessageContaining("49.999");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> anOrder("ord_1").withTotal("1.00", "EURO"))
                .withMessageContaining("EURO");
        assertThatIllegalArgumentException().isThrownBy(() -> aGuest("not an email"));
        assertThatNullPointerException().isThrownBy(() -> anOrder(null)).withMessage("orderId == null");
        assertThatNullPointerException()
                .isThrownBy(() -> anOrder("ord_1").withCoupon(null))
                .withMessage("coupon == null");
        assertThatNullPointerException().isThrownBy(() -> anIdentity(null, "c")).withMessage("kind == null");
    }

    @Test
    void aRefundMatchesByBothIdsAndItsDetails() {
        Refund refund = Refund.builder("ord_1001", "re_77", Money.of("20.00", "EUR"))
                .reason("damaged")
                .item(LineItem.builder("prod_7", 1, Money.of("20.00", "EUR")).build())
                .build();

        assertThat(aRefund("ord_1001", "re_77")
                        .withTotal("20.00", "EUR")
                        .withReason("damaged")
                        .withItem("prod_7", 1)
                        .matches(refund))
                .isTrue();
        assertThat(aRefund("ord_1001", "re_78").matches(refund)).isFalse();
        assertThat(aRefund("ord_1002", "re_77").matches(refund)).isFalse();
        assertThatIllegalArgumentException()
                .as("a refund's total is the positive amount given back")
                .isThrownBy(() -> aRefund("ord_1001", "re_77").withTotal("-20.00", "EUR"))
                .withMessageContaining("-20.00");
        assertThat(aRefund("ord_1001", "re_77").withReason("late").matches(refund))
                .isFalse();
        assertThat(aRefund("ord_1001", "re_77").withItem("prod_7", 2).matches(refund))
                .isFalse();
        assertThat(aRefund("ord_1001", "re_77").matches(null)).isFalse();
    }

    @Test
    void aCancellationMatchesByItsOrderAndReason() {
        Cancellation cancellation =
                Cancellation.builder("ord_1001").reason("fraud").build();

        assertThat(aCancellation("ord_1001").matches(cancellation)).isTrue();
        assertThat(aCancellation("ord_1001").withReason("fraud").matches(cancellation))
                .isTrue();
        assertThat(aCancellation("ord_1001").withReason("customer").matches(cancellation))
                .isFalse();
        assertThat(aCancellation("ord_1002").matches(cancellation)).isFalse();
        assertThat(aCancellation("ord_1001").matches(null)).isFalse();
    }

    @Test
    void anIdentityMatchesByKindAndIdWhateverItsBrowserUnlessNamed() {
        String session = BrowserIds.sessionStartedAt(PLACED);
        Identity withBrowser = Identity.customer("cus_42")
                .withBrowser(BrowserContext.of("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", session));

        assertThat(aCustomer("cus_42").matches(Identity.customer("cus_42"))).isTrue();
        assertThat(aCustomer("cus_42").matches(withBrowser)).isTrue();
        assertThat(aCustomer("cus_42").withSessionId(session).matches(withBrowser))
                .isTrue();
        assertThat(aCustomer("cus_42")
                        .withBrowserDistinctId("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
                        .matches(withBrowser))
                .isTrue();
        assertThat(aCustomer("cus_42").withoutBrowser().matches(withBrowser)).isFalse();
        assertThat(aCustomer("cus_42").withSessionId(session).matches(Identity.customer("cus_42")))
                .isFalse();
        assertThat(aCustomer("cus_43").matches(Identity.customer("cus_42"))).isFalse();
        assertThat(aCustomer("cus_42").matches(Identity.anonymous("cus_42")))
                .as("same id, other kind")
                .isFalse();
        assertThat(aGuest("JANE@example.com").matches(Identity.guest("jane@example.com")))
                .as("emails normalised as Identity does")
                .isTrue();
        assertThat(anIdentity(Identity.Kind.ANONYMOUS, "anon_1").matches(Identity.anonymous("anon_1")))
                .isTrue();
        assertThat(anIdentity(Identity.Kind.GUEST, "jane@example.com").matches(Identity.guest("jane@example.com")))
                .isTrue();
        assertThat(aCustomer("cus_42").matches(null)).isFalse();
    }
}
