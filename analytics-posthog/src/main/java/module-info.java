/**
 * order-analytics for PostHog: {@link io.github.orderanalytics.posthog.PostHogOrderAnalytics}, its
 * configuration and the event mapping. The capture client's stages live in an internal package
 * that this module does not export.
 *
 * @since 0.1.0
 */
module io.github.orderanalytics.posthog {
    requires transitive io.github.orderanalytics;
    requires transitive java.net.http; // PostHogConfig takes a java.net.http.HttpClient
    requires com.fasterxml.jackson.core;
    requires org.slf4j;

    exports io.github.orderanalytics.posthog;
    exports io.github.orderanalytics.posthog.reconcile;
}
