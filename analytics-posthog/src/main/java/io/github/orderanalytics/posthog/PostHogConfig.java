package io.github.orderanalytics.posthog;

import io.github.orderanalytics.posthog.internal.config.HostUrl;
import io.github.orderanalytics.posthog.internal.config.SettingChecks;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link PostHogOrderAnalytics}: where to send, what goes into each event
 * ({@link EventSettings}), how events are batched ({@link BatchSettings}) and how failed requests
 * are retried ({@link RetrySettings}).
 *
 * <pre>{@code
 * PostHogConfig config = PostHogConfig.builder()
 *         .apiKey("phc_...")
 *         .host("https://eu.i.posthog.com")
 *         .flushInterval(Duration.ofSeconds(1))
 *         .build();
 * // or, from POSTHOG_API_KEY, POSTHOG_HOST, POSTHOG_PROFILE, POSTHOG_FLUSH_AT, ...
 * PostHogConfig fromEnv = PostHogConfig.fromEnvironment();
 * }</pre>
 *
 * <p>Settings not given take the defaults of the {@link Profile}: {@code PRODUCTION} batches for
 * throughput, {@code DEVELOPMENT} sends each event at once (for local runs, tests and
 * short-lived processes). Every value is checked in {@link PostHogConfigBuilder#build()}, which names the
 * setting, its environment variable and the bad value. Immutable; {@link #toString()} never shows
 * the API key, the personal API key or the guest-id key.
 *
 * @since 0.1.0
 */
public final class PostHogConfig {
    // Each default is written once: here, on the Profile, or beside its bounds in its settings record. The
    // javadoc says it through {@value}; DocumentedDefaultsTest holds the guide's table to them, and the
    // starter's metadata test its metadata.

    /** Default {@code host}: PostHog Cloud US, {@value}; use {@code https://eu.i.posthog.com} for the EU. */
    public static final String DEFAULT_HOST = "https://us.i.posthog.com";

    /** Default {@code shutdownTimeout}, in seconds: {@value}. */
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 10;

    /** Shortest guest-id key, in bytes of UTF-8: {@value}, as long as the HMAC-SHA256 output it protects. */
    public static final int MIN_GUEST_ID_KEY_BYTES = 32;

    private static final Duration MAX_SHUTDOWN_TIMEOUT = Duration.ofHours(1);

    /** Sets of defaults for the batching settings. */
    public enum Profile {
        /** {@code flushAt} 100, {@code flushInterval} 2 s: few, full requests. */
        PRODUCTION(100, 2_000),
        /** {@code flushAt} 1, {@code flushInterval} 100 ms: every event at once. */
        DEVELOPMENT(1, 100);

        private final int flushAt;
        private final Duration flushInterval;

        Profile(int flushAt, long flushIntervalMillis) {
            this.flushAt = flushAt;
            this.flushInterval = Duration.ofMillis(flushIntervalMillis);
        }

        /** This profile's default {@code flushAt}. */
        public int flushAt() {
            return flushAt;
        }

        /** This profile's default {@code flushInterval}. */
        public Duration flushInterval() {
            return flushInterval;
        }
    }

    private final @Nullable String apiKey;
    private final URI host;
    private final Profile profile;
    private final boolean allowInsecureHttp;
    private final Duration shutdownTimeout;
    private final EventSettings event;
    private final BatchSettings batching;
    private final RetrySettings retries;
    private final @Nullable DeliveryListener deliveryListener;
    private final @Nullable HttpClient httpClient;
    private final QuerySettings query;

    PostHogConfig(PostHogConfigBuilder b) {
        this.apiKey = b.apiKey == null ? null : SettingChecks.notBlank("apiKey", b.apiKey);
        this.profile = b.profile;
        this.allowInsecureHttp = b.allowInsecureHttp;
        this.host = HostUrl.parse(b.host, allowInsecureHttp, DEFAULT_HOST);
        this.shutdownTimeout = SettingChecks.positive(
                "shutdownTimeout",
                or(b.shutdownTimeout, Duration.ofSeconds(DEFAULT_SHUTDOWN_TIMEOUT_SECONDS)),
                MAX_SHUTDOWN_TIMEOUT);
        this.event = new EventSettings(
                or(b.guestIdentity, GuestIdentity.HASHED),
                Optional.ofNullable(b.guestIdKey).map(key -> SettingChecks.guestIdKey(key, MIN_GUEST_ID_KEY_BYTES)),
                or(b.geoipDisable, EventSettings.DEFAULT_GEOIP_DISABLE),
                or(b.linkBrowserToCustomer, EventSettings.DEFAULT_LINK_BROWSER_TO_CUSTOMER));
        this.batching = new BatchSettings(
                or(b.flushAt, profile.flushAt),
                or(b.flushInterval, profile.flushInterval),
                or(b.maxBatchSize, BatchSettings.DEFAULT_MAX_BATCH_SIZE),
                or(b.maxQueueSize, BatchSettings.DEFAULT_MAX_QUEUE_SIZE),
                or(b.maxQueueBytes, BatchSettings.DEFAULT_MAX_QUEUE_BYTES),
                or(b.maxRequestsInFlight, BatchSettings.DEFAULT_MAX_REQUESTS_IN_FLIGHT),
                or(b.requestTimeout, Duration.ofSeconds(BatchSettings.DEFAULT_REQUEST_TIMEOUT_SECONDS)),
                or(b.gzip, BatchSettings.DEFAULT_GZIP),
                or(b.historicalMigration, BatchSettings.DEFAULT_HISTORICAL_MIGRATION));
        this.retries = new RetrySettings(
                or(b.maxRetries, RetrySettings.DEFAULT_MAX_RETRIES),
                or(b.initialBackoff, Duration.ofMillis(RetrySettings.DEFAULT_INITIAL_BACKOFF_MILLIS)),
                or(b.maxBackoff, Duration.ofSeconds(RetrySettings.DEFAULT_MAX_BACKOFF_SECONDS)));
        this.deliveryListener = b.deliveryListener;
        this.httpClient = b.httpClient;
        this.query = new QuerySettings(
                Optional.ofNullable(b.personalApiKey).map(SettingChecks::personalApiKey),
                Optional.ofNullable(b.projectId).map(SettingChecks::projectId),
                b.appHost == null
                        ? HostUrl.appHostOf(host)
                        : HostUrl.parse("appHost", b.appHost, allowInsecureHttp, "https://eu.posthog.com"));
    }

    /** A builder with the {@link Profile#PRODUCTION} defaults and no API key. */
    public static PostHogConfigBuilder builder() {
        return new PostHogConfigBuilder();
    }

    /** A builder holding this configuration's values. */
    public PostHogConfigBuilder toBuilder() {
        PostHogConfigBuilder b = new PostHogConfigBuilder();
        b.apiKey = apiKey;
        b.host = host.toString();
        b.profile = profile;
        b.allowInsecureHttp = allowInsecureHttp;
        b.shutdownTimeout = shutdownTimeout;
        b.guestIdentity = event.guestIdentity();
        b.guestIdKey = event.guestIdKey().orElse(null);
        b.geoipDisable = event.geoipDisable();
        b.linkBrowserToCustomer = event.linkBrowserToCustomer();
        b.flushAt = batching.flushAt();
        b.flushInterval = batching.flushInterval();
        b.maxBatchSize = batching.maxBatchSize();
        b.maxQueueSize = batching.maxQueueSize();
        b.maxQueueBytes = batching.maxQueueBytes();
        b.maxRequestsInFlight = batching.maxRequestsInFlight();
        b.requestTimeout = batching.requestTimeout();
        b.gzip = batching.gzip();
        b.historicalMigration = batching.historicalMigration();
        b.maxRetries = retries.maxRetries();
        b.initialBackoff = retries.initialBackoff();
        b.maxBackoff = retries.maxBackoff();
        b.deliveryListener = deliveryListener;
        b.httpClient = httpClient;
        b.personalApiKey = query.personalApiKey().orElse(null);
        b.projectId = query.projectId().orElse(null);
        b.appHost = query.appHost().toString();
        return b;
    }

    /**
     * Reads the configuration from the process environment; see {@link #fromEnvironment(Map)}.
     *
     * @throws IllegalArgumentException naming the variable, if one holds a bad value
     */
    public static PostHogConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads the configuration from {@code env}: {@code POSTHOG_API_KEY}, {@code POSTHOG_HOST},
     * {@code POSTHOG_PROFILE} ({@code production} or {@code development}) and one variable per
     * setting, named as the setting in upper snake case ({@code POSTHOG_FLUSH_AT},
     * {@code POSTHOG_FLUSH_INTERVAL}, {@code POSTHOG_MAX_QUEUE_BYTES}, {@code POSTHOG_GUEST_ID_KEY},
     * ...). Durations are ISO-8601 ({@code PT2S}) or a number with a unit ({@code 500ms}, {@code 2s},
     * {@code 1m}, {@code 1h}); a bare number is rejected as ambiguous. Sizes in bytes may carry
     * {@code KiB}, {@code MiB} or {@code GiB}. An empty variable counts as unset. Without an API key
     * the result makes a disabled client.
     *
     * @throws IllegalArgumentException naming the variable, if one holds a bad value
     */
    public static PostHogConfig fromEnvironment(Map<String, String> env) {
        PostHogConfigBuilder b = new PostHogConfigBuilder().environment(env);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PostHog configuration from the environment: " + e.getMessage(), e);
        }
    }

    /** The project API key ({@code phc_...}); empty makes a disabled client. */
    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    public URI host() {
        return host;
    }

    public Profile profile() {
        return profile;
    }

    /** Whether a plain-http host that is not loopback is allowed. */
    public boolean allowInsecureHttp() {
        return allowInsecureHttp;
    }

    /** How long {@code close()} (and so the shutdown hook) may take to deliver what is left. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** What goes into each event besides the order. */
    public EventSettings event() {
        return event;
    }

    /** How events are held in memory and batched into requests. */
    public BatchSettings batching() {
        return batching;
    }

    /** How failed requests are retried. */
    public RetrySettings retries() {
        return retries;
    }

    /** Told of every event's outcome; empty if none was set. */
    public Optional<DeliveryListener> deliveryListener() {
        return Optional.ofNullable(deliveryListener);
    }

    /** The HTTP client to send with; empty: one made from these settings. */
    public Optional<HttpClient> httpClient() {
        return Optional.ofNullable(httpClient);
    }

    /** What reconciliation reads PostHog with: the personal API key, the project id and the app host. */
    public QuerySettings query() {
        return query;
    }

    @Override
    public String toString() {
        return "PostHogConfig{apiKey=" + (apiKey == null ? "none" : "***") + ", host=" + host + ", profile=" + profile
                + ", allowInsecureHttp=" + allowInsecureHttp + ", shutdownTimeout=" + shutdownTimeout + ", " + event
                + ", " + batching + ", " + retries
                + (deliveryListener != null ? ", deliveryListener=" + deliveryListener : "")
                + (httpClient != null ? ", httpClient=custom" : "") + ", " + query + "}";
    }

    private static <T> T or(@Nullable T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
