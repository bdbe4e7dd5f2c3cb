package io.github.orderanalytics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.testkit.RemoteFakePostHog;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** order-analytics.enabled=false: a bean that reports nothing, even with the Dev Service running. */
class DisabledTest {
    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DevServicePostHog.class))
            .overrideConfigKey("order-analytics.enabled", "false");

    @Inject
    OrderAnalytics analytics;

    @Test
    void theBeanIsTheNoOp() {
        RemoteFakePostHog posthog = DevServicePostHog.emptied();

        analytics.orderPlaced(Order.builder("ord_off", Money.of("1.00", "EUR")).build(), Identity.customer("cus_1"));

        assertThat(analytics.getClass()).isEqualTo(OrderAnalytics.noop().getClass());
        assertThat(posthog.events()).isEmpty();
    }
}
