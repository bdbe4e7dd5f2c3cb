package com.example.shop;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.spring.UseFakePostHog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

@SpringBootTest
@UseFakePostHog
class DeliveryTest {
    @Autowired
    OrderService orders;

    @Autowired
    FakePostHog posthog;

    @Autowired
    PostHogOrderAnalytics client;

    @Autowired
    MeterRegistry registry;

    @Autowired
    ApplicationContext context;

    @Test
    void runsOnBoot3() {
        assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
    }

    @Test
    void committedOrdersArriveRolledBackOnesNever() {
        orders.placeByEvent("ord_event_ok", false);
        orders.placeDirectly("ord_direct_ok", false);
        assertThatThrownBy(() -> orders.placeByEvent("ord_event_failed", true)).hasMessage("payment declined");
        assertThatThrownBy(() -> orders.placeDirectly("ord_direct_failed", true))
                .hasMessage("payment declined");

        assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(posthog).receivedOnly("ord_event_ok", "ord_direct_ok").hasNoViolations();
    }

    @Test
    void metersAreBoundAndTheBoot4HealthIndicatorStaysOff() {
        assertThat(registry.find("order.analytics.queue.depth").gauge()).isNotNull();
        assertThat(context.containsBean("orderAnalyticsHealthIndicator")).isFalse();
    }
}
