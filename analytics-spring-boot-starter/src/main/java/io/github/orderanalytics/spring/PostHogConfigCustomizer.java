package io.github.orderanalytics.spring;

import io.github.orderanalytics.posthog.PostHogConfigBuilder;

/**
 * Changes the starter's PostHog client configuration before it is built, for what properties cannot say:
 *
 * <pre>{@code
 * @Bean
 * PostHogConfigCustomizer proxiedAndListened(DeliveryAlerts alerts) {
 *     return config -> config
 *             .httpClient(HttpClient.newBuilder().proxy(ProxySelector.of(proxy)).build())
 *             .deliveryListener(alerts);
 * }
 * }</pre>
 *
 * <p>Every customizer bean is applied, in {@code @Order} order, after the {@code order-analytics.posthog.*}
 * properties and the {@code POSTHOG_*} variables; the result is checked once, when it is built. The
 * starter's {@code OrderAnalytics} bean keeps its after-commit wrapping, which replacing the whole bean
 * would lose.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PostHogConfigCustomizer {
    /** Sets on {@code config} what this application needs. */
    void customize(PostHogConfigBuilder config);
}
