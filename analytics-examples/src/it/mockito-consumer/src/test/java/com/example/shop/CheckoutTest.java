package com.example.shop;

import static io.github.orderanalytics.testkit.mockito.OrderMatchers.aCustomer;
import static io.github.orderanalytics.testkit.mockito.OrderMatchers.anOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.testkit.PostHogEvents;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class CheckoutTest {
    private final OrderAnalytics analytics = mock(OrderAnalytics.class);

    @Test
    void reportsThePlacedOrder() {
        new Checkout(analytics).place("cus_7");

        verify(analytics)
                .orderPlaced(
                        argThat(anOrder("ord_42").withTotal("19.90", "EUR").withItem("prod_1", 1)),
                        argThat(aCustomer("cus_7")));
    }

    @Test
    void aWrongExpectationFailsSayingWhatWasWantedAndWhatWasCalled() {
        new Checkout(analytics).place("cus_7");

        AssertionError failure = assertThrows(
                AssertionError.class,
                () -> verify(analytics)
                        .orderPlaced(
                                argThat(anOrder("ord_42").withTotal("29.90", "EUR")), argThat(aCustomer("cus_7"))));

        assertTrue(failure.getMessage().contains("an order ord_42 with total 29.90 EUR"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Order{ord_42, total=19.90 EUR"), failure.getMessage());
    }

    @Test
    void theCapturedCallIsTheEventPostHogWouldReceive() {
        new Checkout(analytics).place("cus_7");

        ArgumentCaptor<Order> order = ArgumentCaptor.forClass(Order.class);
        ArgumentCaptor<Identity> identity = ArgumentCaptor.forClass(Identity.class);
        verify(analytics).orderPlaced(order.capture(), identity.capture());
        PostHogEvent event = PostHogEvents.of(order.getValue(), identity.getValue());

        assertEquals("order_placed", event.event());
        assertEquals("cus_7", event.distinctId());
        assertEquals(new BigDecimal("19.90"), event.properties().get("total"));
        assertEquals("EUR", event.properties().get("currency"));
    }

    /** What this project proves: the matchers and PostHogEvents need neither AssertJ nor Spring. */
    @Test
    void neitherAssertJNorSpringIsOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.assertj.core.api.Assertions"));
        assertThrows(
                ClassNotFoundException.class, () -> Class.forName("org.springframework.context.ApplicationContext"));
    }
}
