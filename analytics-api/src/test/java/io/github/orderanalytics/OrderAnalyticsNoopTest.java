package io.github.orderanalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrderAnalyticsNoopTest {

    @Test
    void noopAcceptsValidCallsOfEveryKindAndNamesNullArguments() {
        OrderAnalytics noop = OrderAnalytics.noop();
        Identity customer = Identity.customer("cus_1");
        assertThat(OrderAnalytics.noop()).isSameAs(noop);
        assertThatNullPointerException()
                .isThrownBy(() -> noop.orderPlaced(null, customer))
                .withMessage("order == null");

        List<OrderEvent> events = List.of(
                Order.builder("ord_1", Money.of("1.00", "EUR")).build(),
                Refund.builder("ord_1", "re_1", Money.of("1.00", "EUR")).build(),
                Cancellation.builder("ord_1").build());
        for (OrderEvent event : events) {
            event.reportTo(noop, customer);
            assertThatNullPointerException()
                    .as(event.kind().name())
                    .isThrownBy(() -> event.reportTo(noop, null))
                    .withMessage("identity == null");
        }
    }
}
