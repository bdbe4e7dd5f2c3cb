package com.example.shop;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import io.github.orderanalytics.testkit.spring.UseRecordingOrderAnalytics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
@UseRecordingOrderAnalytics
class RecordingTest {
    @Autowired
    OrderService orders;

    @Autowired
    RecordingOrderAnalytics analytics;

    @Test
    void recordsCommittedOrdersOnly() {
        orders.placeDirectly("ord_1", false);
        assertThatThrownBy(() -> orders.placeDirectly("ord_2", true)).hasMessage("payment declined");

        assertThat(analytics).hasPlacedOnly("ord_1");
    }
}
