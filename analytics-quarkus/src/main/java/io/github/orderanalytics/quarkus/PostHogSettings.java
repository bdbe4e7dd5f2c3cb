package io.github.orderanalytics.quarkus;

import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogConfigBuilder;
import io.quarkus.runtime.configuration.MemorySize;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
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
        whenSet(p.flushAt(), b::flushAt);
        p.flushInterval().ifPresent(b::flushInterval);
        whenSet(p.maxBatchSize(), b::maxBatchSize);
        whenSet(p.maxQueueSize(), b::maxQueueSize);
        bytes(p.maxQueueBytes(), b::maxQueueBytes);
        whenSet(p.maxRequestsInFlight(), b::maxRequestsInFlight);
        p.requestTimeout().ifPresent(b::requestTimeout);
        p.shutdownTimeout().ifPresent(b::shutdownTimeout);
        whenSet(p.maxRetries(), b::maxRetries);
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

    static void whenSet(OptionalInt value, IntConsumer setter) {
        value.ifPresent(setter);
    }

    static void bytes(Optional<MemorySize> value, Consumer<Long> setter) {
        value.ifPresent(size -> setter.accept(size.asLongValue()));
    }
}
