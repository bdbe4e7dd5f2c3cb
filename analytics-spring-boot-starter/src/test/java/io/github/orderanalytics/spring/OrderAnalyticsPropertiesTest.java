package io.github.orderanalytics.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.PostHogConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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

    @Test
    void everyPostHogConfigSettingHasAProperty() {
        Set<String> notSettings = Set.of("build", "environment", "deliveryListener", "httpClient");
        Set<String> settings = Arrays.stream(PostHogConfig.Builder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !notSettings.contains(m.getName()))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> properties = Arrays.stream(OrderAnalyticsProperties.PostHog.class.getDeclaredMethods())
                .filter(m -> m.getName().startsWith("set"))
                .map(m -> Character.toLowerCase(m.getName().charAt(3))
                        + m.getName().substring(4))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(properties).containsExactlyElementsOf(settings);
    }
}
