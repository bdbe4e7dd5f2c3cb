package io.github.orderanalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class OrderAnalyticsNoopTest {

    @Test
    void noopAcceptsValidCallsAndNamesNullArguments() {
        OrderAnalytics noop = OrderAnalytics.noop();
        Order order = Order.builder("ord_1", Money.of("1.00", "EUR")).build();

        noop.orderPlaced(order, Identity.customer("cus_1"));

        assertThat(OrderAnalytics.noop()).isSameAs(noop);
        assertThatNullPointerException()
                .isThrownBy(() -> noop.orderPlaced(null, Identity.customer("c")))
                .withMessage("order == null");
        assertThatNullPointerException()
                .isThrownBy(() -> noop.orderPlaced(order, null))
                .withMessage("identity == null");
    }
}
