package io.github.orderanalytics.quarkus.deployment;

import io.github.orderanalytics.testkit.RemoteFakePostHog;
import org.eclipse.microprofile.config.ConfigProvider;

/** The Dev Service's FakePostHog, where the application under test was pointed, emptied for this test. */
final class DevServicePostHog {
    private DevServicePostHog() {}

    static RemoteFakePostHog emptied() {
        RemoteFakePostHog posthog =
                RemoteFakePostHog.at(ConfigProvider.getConfig().getValue("order-analytics.posthog.host", String.class));
        posthog.reset();
        return posthog;
    }
}
