package io.github.orderanalytics.testkit.readme;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;

import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import io.github.orderanalytics.testkit.RecordingOrderAnalyticsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's "Testing your service" example, compiled and run so that it cannot rot. */
// README-BEGIN
@ExtendWith(RecordingOrderAnalyticsExtension.class)
class CheckoutServiceTest {

    @Test
    void reportsThePlacedOrder(RecordingOrderAnalytics analytics) {
        new CheckoutService(analytics).placeOrder("ord_1001", "cus_42");

        assertThat(analytics).hasPlacedOnly("ord_1001");
        assertThat(analytics)
                .hasPlacedOrder("ord_1001")
                .hasDistinctId("cus_42")
                .hasIdentityType("customer")
                .hasTotal("49.99", "EUR")
                .hasRevenue("42.00", "EUR")
                .hasProduct("prod_7", 2, "21.00")
                .hasUuidOfItsOrder();
    }
}
// README-END
