package io.github.orderanalytics.quarkus;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.quarkus.internal.JtaTransactions;
import io.github.orderanalytics.quarkus.internal.OutboxSupport;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The extension's beans: the PostHog client, closed by Quarkus at shutdown (never by a JVM hook of its
 * own), and the {@code OrderAnalytics} to inject. An application bean of either type takes its place.
 */
@Singleton
public class OrderAnalyticsProducer {

    /**
     * The client: {@code order-analytics.posthog.*}, then {@code POSTHOG_*}, then the defaults. Injected as
     * itself only (for its stats, a flush): {@code OrderAnalytics} is the bean below.
     */
    @Produces
    @Singleton
    @DefaultBean
    @Typed(PostHogOrderAnalytics.class)
    PostHogOrderAnalytics postHogOrderAnalytics(OrderAnalyticsConfig config, Config settings) {
        return PostHogOrderAnalytics.create(PostHogSettings.toConfig(config.posthog(), settings));
    }

    /** Delivers what is queued, up to {@code order-analytics.posthog.shutdown-timeout}. */
    void close(@Disposes PostHogOrderAnalytics client) {
        client.close();
    }

    /**
     * The bean to inject: nothing with {@code order-analytics.enabled=false}; the outbox with
     * {@code order-analytics.outbox.enabled=true}; else the client, after the JTA transaction commits.
     */
    @Produces
    @Singleton
    @DefaultBean
    OrderAnalytics orderAnalytics(
            OrderAnalyticsConfig config,
            Instance<PostHogOrderAnalytics> client,
            Instance<JtaTransactions> transactions,
            Instance<OutboxSupport> outbox,
            Instance<RequestBrowserContext> browsers) {
        if (!config.enabled()) {
            return OrderAnalytics.noop(); // and no client made for it
        }
        RequestBrowserContext browser = browsers.get();
        if (config.outbox().enabled()) {
            return outboxOf(outbox).orderAnalytics(client.get(), browser::attachTo);
        }
        return new TransactionAwareOrderAnalytics(
                client.get(),
                transactions.isResolvable() ? Optional.of(transactions.get()) : Optional.empty(),
                browser::attachTo);
    }

    /** At start, not at the first order: an outbox asked for but impossible stops the application. */
    void checkTheOutbox(@Observes StartupEvent started, OrderAnalyticsConfig config, Instance<OutboxSupport> outbox) {
        if (config.enabled() && config.outbox().enabled()) {
            outboxOf(outbox);
        }
    }

    private static OutboxSupport outboxOf(Instance<OutboxSupport> outbox) {
        if (!outbox.isResolvable()) {
            throw new ConfigurationException("order-analytics.outbox.enabled=true needs"
                    + " io.github.orderanalytics:analytics-outbox and an Agroal DataSource (quarkus-agroal and a"
                    + " JDBC driver) in the application");
        }
        return outbox.get();
    }
}
