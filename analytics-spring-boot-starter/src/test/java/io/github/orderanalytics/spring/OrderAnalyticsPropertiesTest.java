package io.github.orderanalytics.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.PostHogConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Properties over the environment: a property set wins, an unset one falls back to its variable. */
class OrderAnalyticsPropertiesTest {

    @Test
    void unsetPropertiesFallBackToThePostHogVariables() {
        OrderAnalyticsProperties.PostHog properties = new OrderAnalyticsProperties.PostHog();
        properties.setFlushAt(9);
        properties.setProfile(PostHogConfig.Profile.DEVELOPMENT);
        properties.setMaxQueueBytes(DataSize.ofMegabytes(8));

        PostHogConfig config = properties.toConfig(Map.of(
                "POSTHOG_API_KEY", "phc_from_env",
                "POSTHOG_HOST", "https://eu.i.posthog.com",
                "POSTHOG_FLUSH_AT", "7",
                "POSTHOG_MAX_RETRIES", "3"));

        assertThat(config.apiKey()).contains("phc_from_env");
        assertThat(config.host()).hasToString("https://eu.i.posthog.com");
        assertThat(config.batching().flushAt()).as("the property wins").isEqualTo(9);
        assertThat(config.batching().flushInterval())
                .as("the profile's default")
                .isEqualTo(Duration.ofMillis(100));
        assertThat(config.batching().maxQueueBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.retries().maxRetries()).as("from the environment").isEqualTo(3);
    }
}
