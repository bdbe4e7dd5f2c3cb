package io.github.orderanalytics.testkit.mockito;

import static io.github.orderanalytics.testkit.mockito.OrderMatchers.aCustomer;
import static io.github.orderanalytics.testkit.mockito.OrderMatchers.aGuest;
import static io.github.orderanalytics.testkit.mockito.OrderMatchers.aRefund;
import static io.github.orderanalytics.testkit.mockito.OrderMatchers.anOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.Refund;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The matchers in real Mockito verifications, and what a failed one says. */
class MockedOrderAnalyticsTest {
    private static final Instant PLACED = Instant.parse("2026-12-03T10:15:30Z");

    private final OrderAnalytics analytics = mock(OrderAnalytics.class);

    private static Order order(String id, String total) {
        return Order.builder(id, Money.of(total, "EUR"))
                .placedAt(PLACED)
                .item(LineItem.builder("prod_7", 2, Money.of(total, "EUR")).build())
                .build();
    }

    @Test
    void verifyPassesOnTheCallMadeAndInOrder() {
        analytics.orderPlaced(order("ord_1001", "49.99"), Identity.customer("cus_42"));
        analytics.orderRefunded(
                Refund.builder("ord_1001", "re_77", Money.of("20.00", "EUR")).build(), Identity.customer("cus_42"));

        verify(analytics)
                .orderPlaced(
                        argThat(anOrder("ord_1001").withTotal("49.99", "EUR").withItem("prod_7", 2)),
                        argThat(aCustomer("cus_42")));
        InOrder inOrder = inOrder(analytics);
        inOrder.verify(analytics).orderPlaced(argThat(anOrder("ord_1001")), any());
        inOrder.verify(analytics)
                .orderRefunded(argThat(aRefund("ord_1001", "re_77").withTotal("20.00", "EUR")), any());
        verify(analytics, never()).orderCancelled(any(), any());
    }

    @Test
    void aFailedVerifySaysWhatWasWantedInTheUsersWordsAndWhatWasCalled() {
        analytics.orderPlaced(order("ord_1001", "59.99"), Identity.customer("cus_42"));

        AssertionError failure = catchThrowableOfType(
                AssertionError.class,
                () -> verify(analytics)
                        .orderPlaced(
                                argThat(anOrder("ord_1001").withTotal("49.99", "EUR")), argThat(aCustomer("cus_42"))));

        assertThat(failure.getMessage())
                .contains("Argument(s) are different! Wanted:")
                .contains(
                        "orderAnalytics.orderPlaced(\n    an order ord_1001 with total 49.99 EUR,\n    a customer cus_42\n);")
                .contains("Actual invocations have different arguments at position [0]:")
                .contains(
                        "orderAnalytics.orderPlaced(\n    Order{ord_1001, total=59.99 EUR, placedAt=2026-12-03T10:15:30Z,"
                                + " items=1},\n    customer(cus_42)\n);");
    }

    @Test
    void aVerifyOfACallNeverMadeSaysWhatWasWanted() {
        AssertionError failure = catchThrowableOfType(
                AssertionError.class,
                () -> verify(analytics).orderPlaced(argThat(anOrder("ord_1001")), argThat(aGuest("jane@example.com"))));

        assertThat(failure.getMessage())
                .contains("Wanted but not invoked:")
                .contains("orderAnalytics.orderPlaced(\n    an order ord_1001,\n    a guest jane@example.com\n);")
                .contains("Actually, there were zero interactions with this mock.");
    }

    /** Without the matchers: eq() uses equals, and an order's equality includes when it was placed. */
    @Test
    void theValueTypesMatchUnderEqWhenEqualAndAnOrderIncludesItsTime() {
        Order placed = order("ord_1001", "49.99");
        analytics.orderPlaced(placed, Identity.customer("cus_42"));

        verify(analytics).orderPlaced(eq(order("ord_1001", "49.99")), eq(Identity.customer("cus_42")));
        verify(analytics).orderPlaced(eq(placed.toBuilder().build()), any());
        assertThat(Money.of("49.9", "EUR")).isEqualTo(Money.of("49.90", "EUR"));

        Order sameButPlacedLater =
                placed.toBuilder().placedAt(PLACED.plusSeconds(1)).build();
        AssertionError failure = catchThrowableOfType(
                AssertionError.class, () -> verify(analytics).orderPlaced(eq(sameButPlacedLater), any()));
        assertThat(failure.getMessage())
                .contains("Wanted but not invoked:")
                .contains("placedAt=2026-12-03T10:15:31Z")
                .contains("However, there was exactly 1 interaction with this mock:")
                .contains("placedAt=2026-12-03T10:15:30Z");
        AssertionError otherKind = catchThrowableOfType(
                AssertionError.class, () -> verify(analytics).orderPlaced(any(), eq(Identity.anonymous("cus_42"))));
        assertThat(otherKind.getMessage()).contains("anonymous(cus_42)").contains("customer(cus_42)");
    }
}
