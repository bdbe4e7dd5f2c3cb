package io.github.orderanalytics.testkit;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThatThrownBy;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import org.junit.jupiter.api.Test;

/** Failure messages show what was recorded, so a failing test explains itself. */
class OrderAnalyticsAssertionsTest {
    private final RecordingOrderAnalytics analytics = RecordingOrderAnalytics.create();

    private void place(String id, String total, Identity identity) {
        analytics.orderPlaced(Order.builder(id, Money.of(total, "EUR")).build(), identity);
    }

    @Test
    void aMissingOrderListsWhatWasRecorded() {
        place("ord_1", "49.99", Identity.customer("cus_42"));

        assertThatThrownBy(() -> assertThat(analytics).hasPlacedOrder("ord_2"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected one order_placed event for order ord_2 but recorded 0: [\n"
                        + "  order_placed ord_1 for customer cus_42, total 49.99 EUR\n]");
    }

    @Test
    void moneyIsComparedExactlyWithItsCurrency() {
        place("ord_1", "49.9", Identity.customer("cus_42"));

        assertThat(analytics).hasPlacedOrder("ord_1").hasTotal("49.90", "EUR").hasRevenue("49.9", "EUR");
        assertThatThrownBy(() -> assertThat(analytics).hasPlacedOrder("ord_1").hasTotal("49.90", "USD"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(
                        "Expected total <49.90 USD> but was <49.90 EUR> in {\"event\":\"order_placed\"");
        assertThatThrownBy(() -> assertThat(analytics).hasPlacedOrder("ord_1").hasTotal("49.91", "EUR"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected total <49.91 EUR> but was <49.90 EUR>");
    }

    @Test
    void distinctIdAndCountFailuresSayWhatWasThere() {
        place("ord_1", "1.00", Identity.customer("cus_42"));

        assertThatThrownBy(() -> assertThat(analytics).hasPlacedOrder("ord_1").hasDistinctId("cus_43"))
                .hasMessageStartingWith("Expected distinct_id <cus_43> but was <cus_42>");
        assertThatThrownBy(() -> assertThat(analytics).hasNoEvents())
                .hasMessage("Expected 0 recorded order event(s) but found 1: [\n"
                        + "  order_placed ord_1 for customer cus_42, total 1.00 EUR\n]");
        assertThatThrownBy(() -> assertThat(analytics).hasPlacedOrder("ord_1").isPersonless())
                .hasMessageStartingWith("Expected property $process_person_profile <false> but was <(absent)>");
    }
}
