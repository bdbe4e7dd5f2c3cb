package io.github.orderanalytics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * order-analytics.devservices.enabled=false and no key: no FakePostHog, and a client that sends nothing,
 * as in production without a key. Orders are still taken, without an exception.
 */
class DevServicesOffTest {
    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("order-analytics.devservices.enabled", "false")
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("io.github.orderanalytics.quarkus.deployment"))
            .assertLogRecords(records -> assertThat(records)
                    .as("the Dev Service's log line")
                    .noneMatch(r -> r.getMessage().contains("FakePostHog at")));

    @Inject
    PostHogOrderAnalytics client;

    @Inject
    OrderAnalytics analytics;

    @Test
    void theClientIsDisabledAndPointsNowhereNear() {
        assertThat(client.isEnabled()).isFalse();
        assertThat(ConfigProvider.getConfig().getOptionalValue("order-analytics.posthog.host", String.class))
                .isEmpty();

        analytics.orderPlaced(
                Order.builder("ord_nowhere", Money.of("1.00", "EUR")).build(), Identity.customer("cus_1"));

        // counted and dropped for want of a key, never sent
        assertThat(client.stats().droppedTotal()).isEqualTo(1);
        assertThat(client.stats().delivered()).isZero();
    }
}
