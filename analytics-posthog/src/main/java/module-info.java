/**
 * order-analytics for PostHog: {@link io.github.orderanalytics.posthog.PostHogOrderAnalytics}, its
 * configuration, the event mapping and reconciliation. The capture client's stages, the wire format
 * and the parsing of settings live in {@code internal.*} packages that this module does not export.
 *
 * @since 0.1.0
 */
module io.github.orderanalytics.posthog {
    requires transitive io.github.orderanalytics;
    requires transitive java.net.http; // PostHogConfig takes a java.net.http.HttpClient
    requires com.fasterxml.jackson.core;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.github.orderanalytics.posthog;
    exports io.github.orderanalytics.posthog.reconcile;
}
