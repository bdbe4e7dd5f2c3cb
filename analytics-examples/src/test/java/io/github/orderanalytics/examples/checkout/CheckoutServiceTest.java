package io.github.orderanalytics.examples.checkout;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import io.github.orderanalytics.testkit.spring.UseRecordingOrderAnalytics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The service without PostHog or HTTP: the testkit's recording stands in for the client. */
@SpringBootTest
@UseRecordingOrderAnalytics
class CheckoutServiceTest {
    @Autowired
    CheckoutService checkout;

    @Autowired
    RecordingOrderAnalytics analytics;

    @Test
    void reportsThePlacedOrderAfterCommit() {
        PlacedOrder placed = checkout.placeOrder(
                new PlaceOrderRequest("cus_7", List.of(new CartLine("MUG-01", 1), new CartLine("TEE-02", 2))));

        assertThat(analytics)
                .hasPlacedOnly(placed.orderId())
                .hasPlacedOrder(placed.orderId())
                .hasRevenue("62.48", "EUR")
                .hasDistinctId("cus_7");
    }

    @Test
    void reportsNothingWhenStockRunsOut() {
        assertThatThrownBy(
                        () -> checkout.placeOrder(new PlaceOrderRequest("cus_8", List.of(new CartLine("CAP-03", 5)))))
                .isInstanceOf(OutOfStockException.class);

        assertThat(analytics).hasNoEvents();
    }

    @Test
    void aCancellationGivesTheMoneyBackAndIsReportedOnTheBuyer() {
        PlacedOrder placed = checkout.placeOrder(new PlaceOrderRequest("cus_9", List.of(new CartLine("MUG-01", 1))));
        analytics.reset();

        checkout.cancelOrder(placed.orderId());

        assertThat(analytics).hasEventCount(2);
        assertThat(analytics)
                .hasRefunded(placed.orderId(), "cancel_" + placed.orderId())
                .hasTotal(placed.total().toPlainString(), "EUR")
                .hasRevenue("-" + placed.total().toPlainString(), "EUR")
                .hasDistinctId("cus_9");
        assertThat(analytics).hasCancelled(placed.orderId()).hasDistinctId("cus_9");
    }

    @Test
    void aSecondCancellationFailsAndReportsNothing() {
        PlacedOrder placed = checkout.placeOrder(new PlaceOrderRequest("cus_9", List.of(new CartLine("MUG-01", 1))));
        checkout.cancelOrder(placed.orderId());
        analytics.reset();

        assertThatThrownBy(() -> checkout.cancelOrder(placed.orderId()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("order " + placed.orderId() + " is cancelled already");
        assertThatThrownBy(() -> checkout.cancelOrder("ord_unknown")).isInstanceOf(IllegalArgumentException.class);

        assertThat(analytics).hasNoEvents();
    }
}
