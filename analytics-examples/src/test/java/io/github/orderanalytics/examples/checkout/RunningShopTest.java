package io.github.orderanalytics.examples.checkout;

import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * What a test of the running shop holds: its port (through the environment), the fake PostHog it reports
 * to, and the client, to flush. Each subclass says how the shop runs with its own {@code @SpringBootTest}.
 */
abstract class RunningShopTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    Environment environment;

    @Autowired
    FakePostHog posthog;

    @Autowired
    PostHogOrderAnalytics client;

    ShopHttp shop() {
        return new ShopHttp(environment);
    }
}
