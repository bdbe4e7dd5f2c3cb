package io.github.orderanalytics.testkit.readme;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static io.github.orderanalytics.testkit.mockito.OrderMatchers.aCustomer;
import static io.github.orderanalytics.testkit.mockito.OrderMatchers.anOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.testkit.PostHogEvents;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The README's "With Mockito" example, compiled and run so that it cannot rot. */
// README-BEGIN
class MockitoCheckoutServiceTest {
    private final OrderAnalytics analytics = mock(OrderAnalytics.class);

    @Test
    void reportsThePlacedOrder() {
        new CheckoutService(analytics).placeOrder("ord_1001", "cus_42");

        verify(analytics)
                .orderPlaced(
                        argThat(anOrder("ord_1001").withTotal("49.99", "EUR").withItem("prod_7", 2)),
                        argThat(aCustomer("cus_42")));
        verify(analytics, never()).orderRefunded(any(), any());
    }

    @Test
    void sendsWhatPostHogShouldSee() {
        new CheckoutService(analytics).placeOrder("ord_1001", "cus_42");

        ArgumentCaptor<Order> order = ArgumentCaptor.forClass(Order.class);
        ArgumentCaptor<Identity> identity = ArgumentCaptor.forClass(Identity.class);
        verify(analytics).orderPlaced(order.capture(), identity.capture());
        assertThat(PostHogEvents.of(order.getValue(), identity.getValue()))
                .hasDistinctId("cus_42")
                .hasRevenue("42.00", "EUR")
                .hasUuidOfItsOrder();
    }
}
// README-END
