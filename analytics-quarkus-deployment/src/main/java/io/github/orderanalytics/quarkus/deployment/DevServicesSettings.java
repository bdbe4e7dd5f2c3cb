package io.github.orderanalytics.quarkus.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code order-analytics.devservices.*}, read at build time. */
@ConfigMapping(prefix = "order-analytics.devservices")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface DevServicesSettings {
    /**
     * Whether dev and test mode start a FakePostHog when no API key is configured
     * ({@code order-analytics.posthog.api-key} or {@code POSTHOG_API_KEY}).
     */
    @WithDefault("true")
    boolean enabled();
}
