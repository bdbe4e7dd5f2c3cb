package io.github.orderanalytics.quarkus;

import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogConfigBuilder;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.jspecify.annotations.Nullable;

/** {@code order-analytics.posthog.*} as a {@link PostHogConfig}: a setting left unset keeps its variable or default. */
final class PostHogSettings {
    private PostHogSettings() {}

    /**
     * The client's settings. Each {@code POSTHOG_*} variable is looked up through {@code config}, whose
     * environment source a profile or a test can override, as Spring's {@code Environment} does.
     */
    static PostHogConfig toConfig(OrderAnalyticsConfig.PostHog p, Config config) {
        return toBuilder(p, name -> config.getOptionalValue(name, String.class).orElse(null))
                .build();
    }

    static PostHogConfigBuilder toBuilder(
            OrderAnalyticsConfig.PostHog p, Function<String, @Nullable String> variables) {
        PostHogConfigBuilder b = PostHogConfig.builder().environment(variables);
        p.apiKey().ifPresent(b::apiKey);
        p.host().ifPresent(b::host);
        p.profile().ifPresent(b::profile);
        p.flushAt().ifPresent(b::flushAt);
        p.flushInterval().ifPresent(b::flushInterval);
        p.maxBatchSize().ifPresent(b::maxBatchSize);
        p.maxQueueSize().ifPresent(b::maxQueueSize);
        p.maxQueueBytes().ifPresent(size -> b.maxQueueBytes(size.asLongValue()));
        p.maxRequestsInFlight().ifPresent(b::maxRequestsInFlight);
        p.requestTimeout().ifPresent(b::requestTimeout);
        p.shutdownTimeout().ifPresent(b::shutdownTimeout);
        p.maxRetries().ifPresent(b::maxRetries);
        p.initialBackoff().ifPresent(b::initialBackoff);
        p.maxBackoff().ifPresent(b::maxBackoff);
        p.gzip().ifPresent(b::gzip);
        p.historicalMigration().ifPresent(b::historicalMigration);
        p.guestIdentity().ifPresent(b::guestIdentity);
        p.guestIdKey().ifPresent(b::guestIdKey);
        p.geoipDisable().ifPresent(b::geoipDisable);
        p.linkBrowserToCustomer().ifPresent(b::linkBrowserToCustomer);
        p.allowInsecureHttp().ifPresent(b::allowInsecureHttp);
        p.personalApiKey().ifPresent(b::personalApiKey);
        p.projectId().ifPresent(b::projectId);
        p.appHost().ifPresent(b::appHost);
        return b;
    }
}
