package io.github.orderanalytics.quarkus.deployment;

import io.github.orderanalytics.testkit.FakePostHog;
import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Dev Services: in dev and test mode, with no API key configured, a {@link FakePostHog} in this JVM and
 * the client pointed at it, so {@code quarkus dev} and {@code @QuarkusTest} need no PostHog account.
 */
final class DevServicesProcessor {

    @BuildStep(onlyIf = {IsDevServicesSupportedByLaunchMode.class, DevServicesConfig.Enabled.class})
    void fakePostHog(BuildProducer<DevServicesResultBuildItem> services) {
        Config config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("order-analytics.devservices.enabled", Boolean.class)
                        .orElse(true)
                || apiKeyConfigured(config)) {
            return;
        }
        Map<String, Function<FakePostHogService, String>> pointedAtTheFake = Map.of(
                "order-analytics.posthog.host", FakePostHogService::host,
                "order-analytics.posthog.api-key", fake -> FakePostHog.API_KEY,
                "order-analytics.posthog.personal-api-key", fake -> FakePostHog.PERSONAL_API_KEY,
                "order-analytics.posthog.project-id", fake -> FakePostHog.PROJECT_ID);
        services.produce(DevServicesResultBuildItem.<FakePostHogService>owned()
                .feature(OrderAnalyticsProcessor.FEATURE)
                .serviceName("fake-posthog")
                .description("FakePostHog, the order-analytics testkit's PostHog")
                .startable(FakePostHogService::new)
                .configProvider(pointedAtTheFake)
                .build());
    }

    /** A key in the configuration or the environment: the application means to report to PostHog. */
    static boolean apiKeyConfigured(Config config) {
        return config.getOptionalValue("order-analytics.posthog.api-key", String.class)
                .or(() -> config.getOptionalValue("POSTHOG_API_KEY", String.class))
                .filter(key -> !key.isBlank())
                .isPresent();
    }
}
