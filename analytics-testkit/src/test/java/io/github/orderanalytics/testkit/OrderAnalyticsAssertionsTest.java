package io.github.orderanalytics.testkit;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThatThrownBy;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
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

    @Test
    void refundsAndCancellationsAreFoundByTheirIdsAndFailuresListEveryKind() {
        place("ord_1", "49.99", Identity.customer("cus_42"));
        analytics.orderRefunded(
                Refund.builder("ord_1", "re_1", Money.of("10.00", "EUR")).build(), Identity.customer("cus_42"));
        analytics.orderCancelled(Cancellation.builder("ord_1").build(), Identity.customer("cus_42"));

        assertThat(analytics)
                .hasRefunded("ord_1", "re_1")
                .hasTotal("10.00", "EUR")
                .hasRevenue("-10.00", "EUR")
                .hasUuidOfItsOrder();
        assertThat(analytics)
                .hasCancelled("ord_1")
                .doesNotHaveProperty("revenue")
                .hasUuidOfItsOrder();
        assertThat(analytics).hasPlacedOnly("ord_1").hasEventCount(3);
        assertThatThrownBy(() -> assertThat(analytics).hasRefunded("ord_1", "re_2"))
                .hasMessage("Expected one order_refunded event for refund re_2 of order ord_1 but recorded 0: [\n"
                        + "  order_placed ord_1 for customer cus_42, total 49.99 EUR,\n"
                        + "  order_refunded ord_1 refund re_1 for customer cus_42, total 10.00 EUR,\n"
                        + "  order_cancelled ord_1 for customer cus_42\n]");
        assertThatThrownBy(() -> assertThat(analytics).hasCancelled("ord_2"))
                .hasMessageStartingWith("Expected one order_cancelled event for order ord_2 but recorded 0");
        assertThatThrownBy(
                        () -> assertThat(analytics).hasRefunded("ord_1", "re_1").hasRevenue("10.00", "EUR"))
                .hasMessageStartingWith("Expected revenue <10.00 EUR> but was <-10.00 EUR>");
    }

    @Test
    void aWrongUuidSaysWhichOneWasExpected() {
        PostHogEvent refund = PostHogEventMapper.create(
                        io.github.orderanalytics.posthog.PostHogConfig.builder().build())
                .orderRefunded(
                        Refund.builder("ord_1", "re_1", Money.of("1.00", "EUR")).build(), Identity.customer("c"));
        PostHogEvent wrong = new PostHogEvent(
                refund.event(),
                refund.distinctId(),
                PostHogEventMapper.orderPlacedUuid("ord_1"),
                refund.timestamp(),
                refund.properties());

        assertThatThrownBy(() -> assertThat(wrong).hasUuidOfItsOrder())
                .hasMessage("Expected the uuid derived from order_refunded of order_id <ord_1> and refund_id <re_1>, <"
                        + PostHogEventMapper.orderRefundedUuid("ord_1", "re_1") + ">, but was <"
                        + PostHogEventMapper.orderPlacedUuid("ord_1") + ">");
    }
}
