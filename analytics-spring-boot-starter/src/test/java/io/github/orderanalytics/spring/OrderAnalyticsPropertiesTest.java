package io.github.orderanalytics.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** Properties over the environment: a property set wins, an unset one falls back to its variable. */
class OrderAnalyticsPropertiesTest {

    @Test
    void unsetPropertiesFallBackToThePostHogVariables() {
        PostHogProperties properties = new PostHogProperties();
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
    void querySettingsArePropertiesOverTheEnvironmentToo() {
        PostHogProperties properties = new PostHogProperties();
        properties.setPersonalApiKey("phx_from_property");
        properties.setAppHost("https://posthog.internal.example");

        PostHogConfig config = properties.toConfig(Map.of(
                "POSTHOG_PERSONAL_API_KEY", "phx_from_env",
                "POSTHOG_PROJECT_ID", "4242"));

        assertThat(config.query().personalApiKey()).contains("phx_from_property");
        assertThat(config.query().projectId()).as("from the environment").contains("4242");
        assertThat(config.query().appHost()).hasToString("https://posthog.internal.example");
    }

    @Test
    void everyPostHogConfigSettingHasAProperty() {
        Set<String> notSettings = Set.of("build", "environment", "deliveryListener", "httpClient");
        Set<String> settings = Arrays.stream(PostHogConfigBuilder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !notSettings.contains(m.getName()))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> properties = Arrays.stream(PostHogProperties.class.getDeclaredMethods())
                .filter(m -> m.getName().startsWith("set"))
                .map(m -> Character.toLowerCase(m.getName().charAt(3))
                        + m.getName().substring(4))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(properties).containsExactlyElementsOf(settings);
    }

    /**
     * The defaults an IDE shows are the client's own: binding every documented default as if a user
     * had set it gives exactly the configuration of an empty builder.
     */
    @Test
    void theMetadataDefaultsAreTheClientsDefaults() throws IOException {
        Map<String, String> defaults = metadataDefaults();
        assertThat(defaults)
                .containsEntry("management.health.order-analytics.enabled", "true")
                .containsEntry("management.health.order-analytics-outbox.enabled", "true");
        Set<String> wrapperTyped = Arrays.stream(PostHogProperties.class.getDeclaredFields())
                .filter(f -> !f.getType().isPrimitive() && !Modifier.isStatic(f.getModifiers()))
                .map(f -> "order-analytics.posthog."
                        + f.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase())
                // no default: secrets, the project's own id, and the app host (derived from the host)
                .filter(name -> !name.endsWith("api-key")
                        && !name.endsWith(".guest-id-key")
                        && !name.endsWith(".project-id")
                        && !name.endsWith(".app-host"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(defaults.keySet()).containsAll(wrapperTyped);

        PostHogProperties bound = new Binder(new MapConfigurationPropertySource(defaults))
                .bind("order-analytics.posthog", PostHogProperties.class)
                .get();
        PostHogConfig fromDefaults = bound.toConfig(Map.of());
        PostHogConfig empty = PostHogConfig.builder().build();

        assertThat(fromDefaults.host()).isEqualTo(empty.host());
        assertThat(fromDefaults.profile()).isEqualTo(empty.profile());
        assertThat(fromDefaults.allowInsecureHttp()).isEqualTo(empty.allowInsecureHttp());
        assertThat(fromDefaults.shutdownTimeout()).isEqualTo(empty.shutdownTimeout());
        assertThat(fromDefaults.batching()).isEqualTo(empty.batching());
        assertThat(fromDefaults.retries()).isEqualTo(empty.retries());
        assertThat(fromDefaults.event()).isEqualTo(empty.event());
    }

    /** The outbox's defaults are OutboxRelay's constants: the properties and the metadata say the same. */
    @Test
    void theMetadataStatesTheOutboxRelaysDefaults() throws IOException {
        Map<String, String> defaults = metadataDefaults();
        OutboxProperties fromMetadata = new Binder(new MapConfigurationPropertySource(defaults))
                .bind("order-analytics.outbox", OutboxProperties.class)
                .get();

        for (OutboxProperties p : List.of(fromMetadata, new OutboxProperties())) {
            assertThat(p.getBatchSize()).isEqualTo(io.github.orderanalytics.outbox.OutboxRelay.DEFAULT_BATCH_SIZE);
            assertThat(p.getMaxBatchBytes().toBytes())
                    .isEqualTo(io.github.orderanalytics.outbox.OutboxRelay.DEFAULT_MAX_BATCH_BYTES);
            assertThat(p.getPollInterval())
                    .isEqualTo(Duration.ofMillis(
                            io.github.orderanalytics.outbox.OutboxRelay.DEFAULT_POLL_INTERVAL_MILLIS));
            assertThat(p.getLease())
                    .isEqualTo(Duration.ofSeconds(io.github.orderanalytics.outbox.OutboxRelay.DEFAULT_LEASE_SECONDS));
            assertThat(p.getInitialBackoff())
                    .isEqualTo(Duration.ofMillis(
                            io.github.orderanalytics.outbox.OutboxRelay.DEFAULT_INITIAL_BACKOFF_MILLIS));
            assertThat(p.getMaxBackoff())
                    .isEqualTo(Duration.ofSeconds(
                            io.github.orderanalytics.outbox.OutboxRelay.DEFAULT_MAX_BACKOFF_SECONDS));
        }
    }

    /** Name to default value, as text, from the starter's merged configuration metadata. */
    private static Map<String, String> metadataDefaults() throws IOException {
        Map<String, String> defaults = new TreeMap<>();
        for (URL url : Collections.list(getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream();
                    JsonParser p = new JsonFactory().createParser(in)) {
                String name = null;
                while (p.nextToken() != null) {
                    if (p.currentToken() == JsonToken.FIELD_NAME && "name".equals(p.currentName())) {
                        p.nextToken();
                        name = p.getText();
                    } else if (p.currentToken() == JsonToken.FIELD_NAME
                            && "defaultValue".equals(p.currentName())
                            && name != null
                            && (name.startsWith("order-analytics.") || name.startsWith("management.health.order-"))) {
                        p.nextToken();
                        defaults.put(name, p.getText());
                    }
                }
            }
        }
        return defaults;
    }

    private static ClassLoader getClassLoader() {
        return OrderAnalyticsPropertiesTest.class.getClassLoader();
    }
}
