package io.github.orderanalytics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.GuestIdentity;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * order-analytics.posthog.* reach the client, each under the starter's name; a POSTHOG_* variable fills
 * what no property sets, and a property wins over it. A key is configured, so no Dev Service starts.
 */
class SettingsTest {
    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("order-analytics.posthog.api-key", "phc_settings_test_key")
            .overrideConfigKey("order-analytics.posthog.host", "http://127.0.0.1:9")
            .overrideConfigKey("order-analytics.posthog.profile", "development")
            .overrideConfigKey("order-analytics.posthog.flush-at", "7")
            .overrideConfigKey("order-analytics.posthog.flush-interval", "2s")
            .overrideConfigKey("order-analytics.posthog.max-queue-bytes", "2M")
            .overrideConfigKey("order-analytics.posthog.max-retries", "4")
            .overrideConfigKey("order-analytics.posthog.guest-identity", "email")
            .overrideConfigKey("order-analytics.posthog.shutdown-timeout", "3s")
            // The environment's variables, as a test or a profile overrides them:
            .overrideConfigKey("POSTHOG_MAX_QUEUE_SIZE", "1234")
            .overrideConfigKey("POSTHOG_FLUSH_AT", "99");

    @Inject
    PostHogOrderAnalytics client;

    @Test
    void eachPropertyReachesTheClient() {
        PostHogConfig config = client.config();

        assertThat(client.isEnabled()).isTrue();
        assertThat(config.apiKey()).contains("phc_settings_test_key");
        assertThat(config.host()).isEqualTo(URI.create("http://127.0.0.1:9"));
        assertThat(config.profile()).isEqualTo(PostHogConfig.Profile.DEVELOPMENT);
        assertThat(config.batching().flushInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.batching().maxQueueBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(config.retries().maxRetries()).isEqualTo(4);
        assertThat(config.event().guestIdentity()).isEqualTo(GuestIdentity.EMAIL);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aVariableFillsWhatNoPropertySetsAndAPropertyWins() {
        assertThat(client.config().batching().maxQueueSize()).isEqualTo(1234);
        assertThat(client.config().batching().flushAt()).isEqualTo(7);
    }
}
