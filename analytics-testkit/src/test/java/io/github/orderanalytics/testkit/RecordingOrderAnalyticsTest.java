package io.github.orderanalytics.testkit;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThatNullPointerException;
import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThatThrownBy;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import io.github.orderanalytics.testsupport.Callers;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingOrderAnalyticsTest {
    private static Order order(String id, String total) {
        return Order.builder(id, Money.of(total, "EUR"))
                .item(LineItem.builder("prod_7", 1, Money.of(total, "EUR")).build())
                .build();
    }

    @Test
    void recordsTheOrderTheIdentityAndTheProductionEvent() {
        RecordingOrderAnalytics analytics = RecordingOrderAnalytics.create();
        Order order = order("ord_1", "49.90");

        analytics.orderPlaced(order, Identity.guest("jane@example.com"));

        RecordedOrderEvent recorded = analytics.events().get(0);
        assertThat(recorded.reported()).isSameAs(order);
        assertThat(recorded.identity()).isEqualTo(Identity.guest("jane@example.com"));
        assertThat(recorded.event())
                .isEqualTo(PostHogEventMapper.create(PostHogConfig.builder().build())
                        .orderPlaced(order, Identity.guest("jane@example.com")));
        assertThat(analytics)
                .hasPlacedOrder("ord_1")
                .hasTotal("49.90", "EUR")
                .hasIdentityType("guest")
                .isPersonless()
                .hasUuidOfItsOrder();
    }

    @Test
    void usesTheMappingSettingsOfTheGivenConfig() {
        RecordingOrderAnalytics analytics = RecordingOrderAnalytics.create(PostHogConfig.builder()
                .guestIdentity(io.github.orderanalytics.posthog.GuestIdentity.EMAIL)
                .build());

        analytics.orderPlaced(order("ord_1", "1.00"), Identity.guest("Jane@Example.com"));

        assertThat(analytics).hasPlacedOrder("ord_1").hasDistinctId("jane@example.com");
    }

    @Test
    void eventsIsASnapshotAndResetForgets() {
        RecordingOrderAnalytics analytics = RecordingOrderAnalytics.create();
        analytics.orderPlaced(order("ord_1", "1.00"), Identity.customer("c"));
        List<RecordedOrderEvent> snapshot = analytics.events();

        analytics.orderPlaced(order("ord_2", "1.00"), Identity.customer("c"));
        analytics.reset();

        assertThat(snapshot).hasSize(1);
        assertThat(analytics).hasNoEvents();
        assertThatThrownBy(() -> snapshot.add(snapshot.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void isThreadSafe() throws Exception {
        RecordingOrderAnalytics analytics = RecordingOrderAnalytics.create();
        Callers.run(
                4,
                250,
                (thread, i) -> analytics.orderPlaced(order("ord_" + thread + "_" + i, "1.00"), Identity.customer("c")));

        assertThat(analytics).hasEventCount(1000);
    }

    @Test
    void namesNullArguments() {
        RecordingOrderAnalytics analytics = RecordingOrderAnalytics.create();

        assertThatNullPointerException()
                .isThrownBy(() -> analytics.orderPlaced(null, Identity.customer("c")))
                .withMessage("order == null");
        assertThatNullPointerException()
                .isThrownBy(() -> analytics.orderPlaced(order("o", "1"), null))
                .withMessage("identity == null");
    }
}
