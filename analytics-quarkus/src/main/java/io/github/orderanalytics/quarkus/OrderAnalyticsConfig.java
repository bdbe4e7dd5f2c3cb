package io.github.orderanalytics.quarkus;

import io.github.orderanalytics.posthog.GuestIdentity;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code order-analytics.*}: the same names as the Spring Boot starter's properties. A {@code posthog.*}
 * setting left unset falls back to its {@code POSTHOG_*} environment variable, then to the library's
 * default ({@link PostHogConfig}).
 *
 * <pre>{@code
 * order-analytics.posthog.api-key=${POSTHOG_API_KEY:}
 * order-analytics.posthog.profile=production
 * order-analytics.outbox.enabled=true
 * }</pre>
 *
 * @since 0.1.0
 */
@ConfigMapping(prefix = "order-analytics")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface OrderAnalyticsConfig {
    /** Whether orders are reported at all; {@code false} gives a bean that reports nothing. */
    @WithDefault("true")
    boolean enabled();

    /** The client: one setting per {@link PostHogConfig} setting. */
    PostHog posthog();

    /** The transactional outbox on an Agroal DataSource. */
    Outbox outbox();

    /** The browser context (posthog-js's tracing headers, its cookie) read from the current request. */
    BrowserContext browserContext();

    /** Delivery health on {@code /q/health/well}. */
    Health health();

    /** The Dev Service: a FakePostHog in dev and test mode. */
    DevServices devservices();

    /** {@code order-analytics.posthog.*}; unset means the {@code POSTHOG_*} variable, then the default. */
    interface PostHog {
        /** The project API key ({@code phc_...}); without one (and no {@code POSTHOG_API_KEY}) nothing is sent. */
        Optional<String> apiKey();

        /** PostHog's address, for example {@code https://eu.i.posthog.com}. */
        Optional<String> host();

        /** {@code development} (small batches, sent soon) or {@code production}. */
        Optional<PostHogConfig.Profile> profile();

        /** Events per batch that trigger a send. */
        OptionalInt flushAt();

        /** The longest an event waits for its batch. */
        Optional<Duration> flushInterval();

        /** The most events in one request. */
        OptionalInt maxBatchSize();

        /** The most events queued; more are dropped and counted. */
        OptionalInt maxQueueSize();

        /** The most bytes queued; more are dropped and counted. */
        Optional<MemorySize> maxQueueBytes();

        /** Requests to PostHog at once. */
        OptionalInt maxRequestsInFlight();

        /** How long one request may take. */
        Optional<Duration> requestTimeout();

        /** How long shutdown waits to deliver what is queued. */
        Optional<Duration> shutdownTimeout();

        /** Tries of one request before its events are dropped. */
        OptionalInt maxRetries();

        /** The wait before the first retry; it doubles up to {@code max-backoff}. */
        Optional<Duration> initialBackoff();

        /** The longest wait between two tries. */
        Optional<Duration> maxBackoff();

        /** Whether requests are gzipped. */
        Optional<Boolean> gzip();

        /** Marks the events as a backfill of past orders. */
        Optional<Boolean> historicalMigration();

        /** How a guest's email becomes their distinct id. */
        Optional<GuestIdentity> guestIdentity();

        /** The HMAC key of {@code guest-identity=hmac}. */
        Optional<String> guestIdKey();

        /** Whether PostHog skips its GeoIP lookup (the server's address says nothing of the buyer). */
        Optional<Boolean> geoipDisable();

        /** An {@code $identify} joining a customer to the browser they shopped with. */
        Optional<Boolean> linkBrowserToCustomer();

        /** Allows {@code http://} hosts other than localhost. */
        Optional<Boolean> allowInsecureHttp();

        /** The personal API key ({@code phx_...}) of reconciliation's queries. */
        Optional<String> personalApiKey();

        /** The project of reconciliation's queries. */
        Optional<String> projectId();

        /** PostHog's app address, where it differs from the capture host. */
        Optional<String> appHost();
    }

    /** {@code order-analytics.outbox.*}. */
    interface Outbox {
        /** Whether the bean writes each event as a row of the caller's transaction. */
        @WithDefault("false")
        boolean enabled();

        /** The Agroal DataSource of the table; the default DataSource when unset. */
        Optional<String> dataSource();

        /** When to create the table at start. */
        @WithDefault("embedded")
        InitializeSchema initializeSchema();

        /** The table's name, schema-qualified if need be. */
        @WithDefault("order_analytics_outbox")
        String table();

        /** Whether this instance runs a relay; any number may share the table. */
        @WithDefault("true")
        boolean relayEnabled();

        /** Rows claimed per round; unset means the relay's default. */
        OptionalInt batchSize();

        /** The most bytes of rows sent in one request. */
        Optional<MemorySize> maxBatchBytes();

        /** How long an idle relay waits before it looks again. */
        Optional<Duration> pollInterval();

        /** How long a claim holds before another relay may take the rows. */
        Optional<Duration> lease();

        /** The wait before a failed row is tried again; it doubles up to {@code max-backoff}. */
        Optional<Duration> initialBackoff();

        /** The longest wait before a failed row is tried again. */
        Optional<Duration> maxBackoff();
    }

    /** When the outbox's table is created. */
    enum InitializeSchema {
        /** Only on an in-memory or file H2 database: tests and local runs. */
        EMBEDDED,
        /** At every start; the DDL creates only what is missing. */
        ALWAYS,
        /** Never: a migration tool (Flyway, Liquibase) creates it. */
        NEVER
    }

    /** {@code order-analytics.browser-context.*}. */
    interface BrowserContext {
        /** Whether the request's {@code X-POSTHOG-*} headers are read. */
        @WithDefault("true")
        boolean enabled();

        /** Whether posthog-js's own cookie is read too, where the headers are missing. */
        @WithDefault("false")
        boolean cookie();
    }

    /** {@code order-analytics.health.*}. */
    interface Health {
        /** How long every request may fail before delivery health says {@code DOWN}. */
        @WithDefault("5m")
        Duration downAfter();
    }

    /** {@code order-analytics.devservices.*}: read when the application is built for dev or test mode. */
    interface DevServices {
        /**
         * Whether dev and test mode start a FakePostHog when no API key is configured
         * ({@code order-analytics.posthog.api-key} or {@code POSTHOG_API_KEY}).
         */
        @WithDefault("true")
        boolean enabled();
    }
}
