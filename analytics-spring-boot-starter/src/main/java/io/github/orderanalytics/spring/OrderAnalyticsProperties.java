package io.github.orderanalytics.spring;

import io.github.orderanalytics.posthog.PostHogConfig;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the order-analytics starter, under {@code order-analytics}. Every
 * {@link PostHogConfig} setting has a property under {@code order-analytics.posthog}; a property
 * left unset falls back to its {@code POSTHOG_*} environment variable, then to the default.
 *
 * <pre>
 * order-analytics.posthog.api-key=${POSTHOG_API_KEY}
 * order-analytics.posthog.host=https://eu.i.posthog.com
 * order-analytics.posthog.profile=development
 * </pre>
 *
 * @since 0.1.0
 */
@ConfigurationProperties("order-analytics")
public class OrderAnalyticsProperties {
    /** Whether the starter reports orders at all; false makes the OrderAnalytics bean a no-op. */
    private boolean enabled = true;

    @NestedConfigurationProperty
    private final PostHogProperties posthog = new PostHogProperties();

    private final Health health = new Health();

    private final BrowserContextProperties browserContext = new BrowserContextProperties();

    @NestedConfigurationProperty
    private final OutboxProperties outbox = new OutboxProperties();

    @NestedConfigurationProperty
    private final ReconcileProperties reconcile = new ReconcileProperties();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public PostHogProperties getPosthog() {
        return posthog;
    }

    public Health getHealth() {
        return health;
    }

    public OutboxProperties getOutbox() {
        return outbox;
    }

    public ReconcileProperties getReconcile() {
        return reconcile;
    }

    public BrowserContextProperties getBrowserContext() {
        return browserContext;
    }

    /**
     * Reading the browser's PostHog context (posthog-js's tracing headers, and its cookie if asked) from
     * each servlet request, so orders reported on the request's thread join the browser's visitor and session.
     */
    public static class BrowserContextProperties {
        /** Whether a servlet filter reads the request's browser context and the OrderAnalytics bean attaches it. */
        private boolean enabled = true;

        /**
         * Whether posthog-js's cookie (ph_<project api key>_posthog) is read when the tracing headers are
         * missing: only useful when posthog-js keeps its cookie on the shop's own domain.
         */
        private boolean cookie = false;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isCookie() {
            return cookie;
        }

        public void setCookie(boolean cookie) {
            this.cookie = cookie;
        }
    }

    /** The Actuator health contributor (Spring Boot 4). */
    public static class Health {
        /** How long every request may fail before the orderAnalytics health contributor says DOWN. */
        private Duration downAfter = Duration.ofMinutes(5);

        public Duration getDownAfter() {
            return downAfter;
        }

        public void setDownAfter(Duration downAfter) {
            this.downAfter = downAfter;
        }
    }
}
