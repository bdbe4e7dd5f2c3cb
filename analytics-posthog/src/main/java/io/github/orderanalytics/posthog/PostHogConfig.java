package io.github.orderanalytics.posthog;

import io.github.orderanalytics.posthog.internal.config.EnvironmentReader;
import io.github.orderanalytics.posthog.internal.config.HostUrl;
import io.github.orderanalytics.posthog.internal.config.Quote;
import io.github.orderanalytics.posthog.internal.config.SettingChecks;
import io.github.orderanalytics.posthog.internal.config.SettingText;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
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
 * short-lived processes). Every value is checked in {@link Builder#build()}, which names the
 * setting, its environment variable and the bad value. Immutable; {@link #toString()} never shows
 * the API key, the personal API key or the guest-id key.
 *
 * @since 0.1.0
 */
public final class PostHogConfig {
    /** PostHog Cloud US; use {@code https://eu.i.posthog.com} for the EU region. */
    public static final String DEFAULT_HOST = "https://us.i.posthog.com";

    /** Default {@link BatchSettings#maxQueueBytes()}: 64 MiB. */
    public static final long DEFAULT_MAX_QUEUE_BYTES = 64L * 1024 * 1024;

    private static final Duration MAX_SHUTDOWN_TIMEOUT = Duration.ofHours(1);

    /** Shortest guest-id key, in bytes of UTF-8: as long as the HMAC-SHA256 output it protects. */
    public static final int MIN_GUEST_ID_KEY_BYTES = 32;

    /** Sets of defaults for the batching settings. */
    public enum Profile {
        /** flushAt 100, flushInterval 2 s: few, full requests. */
        PRODUCTION(100, Duration.ofSeconds(2)),
        /** flushAt 1, flushInterval 100 ms: every event at once. */
        DEVELOPMENT(1, Duration.ofMillis(100));

        private final int flushAt;
        private final Duration flushInterval;

        Profile(int flushAt, Duration flushInterval) {
            this.flushAt = flushAt;
            this.flushInterval = flushInterval;
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

    private PostHogConfig(Builder b) {
        this.apiKey = b.apiKey;
        this.profile = b.profile;
        this.allowInsecureHttp = b.allowInsecureHttp;
        this.host = HostUrl.parse(b.host, allowInsecureHttp, DEFAULT_HOST);
        this.shutdownTimeout = SettingChecks.positive(
                "shutdownTimeout", or(b.shutdownTimeout, Duration.ofSeconds(10)), MAX_SHUTDOWN_TIMEOUT);
        this.event = new EventSettings(
                or(b.guestIdentity, GuestIdentity.HASHED),
                Optional.ofNullable(b.guestIdKey),
                or(b.geoipDisable, true),
                or(b.linkBrowserToCustomer, false));
        this.batching = new BatchSettings(
                or(b.flushAt, profile.flushAt),
                or(b.flushInterval, profile.flushInterval),
                or(b.maxBatchSize, 500),
                or(b.maxQueueSize, 50_000),
                or(b.maxQueueBytes, DEFAULT_MAX_QUEUE_BYTES),
                or(b.maxRequestsInFlight, 4),
                or(b.requestTimeout, Duration.ofSeconds(10)),
                or(b.gzip, true),
                or(b.historicalMigration, false));
        this.retries = new RetrySettings(
                or(b.maxRetries, 10),
                or(b.initialBackoff, Duration.ofSeconds(1)),
                or(b.maxBackoff, Duration.ofSeconds(30)));
        this.deliveryListener = b.deliveryListener;
        this.httpClient = b.httpClient;
        this.query = new QuerySettings(
                Optional.ofNullable(b.personalApiKey).map(PostHogConfig::personalApiKey),
                Optional.ofNullable(b.projectId).map(PostHogConfig::projectId),
                b.appHost == null
                        ? HostUrl.appHostOf(host)
                        : HostUrl.parse("appHost", b.appHost, allowInsecureHttp, "https://eu.posthog.com"));
    }

    /** A personal API key: one line of visible characters. Never echoed: it is somebody's secret. */
    private static String personalApiKey(String key) {
        String k = key.strip();
        if (k.isEmpty() || !k.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(SettingChecks.named("personalApiKey")
                    + " must be a personal API key (phx_..., with the scope query:read): one word of visible"
                    + " ASCII characters");
        }
        return k;
    }

    /** A project id is a number: PostHog's Project settings show it, and the query URL carries it. */
    private static String projectId(String id) {
        String i = id.strip();
        if (!i.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException(SettingChecks.named("projectId")
                    + " must be the project's number (Project settings, Project ID), like 12345, was "
                    + Quote.of(id));
        }
        return i;
    }

    /** A builder with the {@link Profile#PRODUCTION} defaults and no API key. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
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
        Builder b = new Builder().environment(env);
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

    /** Builds a {@link PostHogConfig}. Setters only record; {@link #build()} checks. */
    public static final class Builder {
        private @Nullable String apiKey;
        private String host = DEFAULT_HOST;
        private Profile profile = Profile.PRODUCTION;
        private boolean allowInsecureHttp;
        private @Nullable Duration shutdownTimeout;
        private @Nullable GuestIdentity guestIdentity;
        private @Nullable String guestIdKey;
        private @Nullable Boolean geoipDisable;
        private @Nullable Boolean linkBrowserToCustomer;
        private @Nullable Integer flushAt;
        private @Nullable Duration flushInterval;
        private @Nullable Integer maxBatchSize;
        private @Nullable Integer maxQueueSize;
        private @Nullable Long maxQueueBytes;
        private @Nullable Integer maxRequestsInFlight;
        private @Nullable Duration requestTimeout;
        private @Nullable Boolean gzip;
        private @Nullable Boolean historicalMigration;
        private @Nullable Integer maxRetries;
        private @Nullable Duration initialBackoff;
        private @Nullable Duration maxBackoff;
        private @Nullable DeliveryListener deliveryListener;
        private @Nullable HttpClient httpClient;
        private @Nullable String personalApiKey;
        private @Nullable String projectId;
        private @Nullable String appHost;

        private Builder() {}

        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey == null");
            if (apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            this.apiKey = apiKey;
            return this;
        }

        /** The PostHog host, for example {@code https://eu.i.posthog.com} or a reverse proxy; default US cloud. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host == null");
            return this;
        }

        public Builder host(URI host) {
            return host(Objects.requireNonNull(host, "host == null").toString());
        }

        /** The defaults for flushAt and flushInterval, where those are not set explicitly. */
        public Builder profile(Profile profile) {
            this.profile = Objects.requireNonNull(profile, "profile == null");
            return this;
        }

        /** Allows a plain-http host that is not loopback, for a proxy inside a trusted network. */
        public Builder allowInsecureHttp(boolean allowInsecureHttp) {
            this.allowInsecureHttp = allowInsecureHttp;
            return this;
        }

        /** How long {@code close()} may take to deliver what is left; default 10 s, at most 1 hour. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout == null");
            return this;
        }

        /** See {@link EventSettings#guestIdentity()}; default {@link GuestIdentity#HASHED}. */
        public Builder guestIdentity(GuestIdentity guestIdentity) {
            this.guestIdentity = Objects.requireNonNull(guestIdentity, "guestIdentity == null");
            return this;
        }

        /** A secret that turns the hashed guest id into an HMAC-SHA256, so it cannot be matched to an email by guessing. */
        public Builder guestIdKey(String guestIdKey) {
            Objects.requireNonNull(guestIdKey, "guestIdKey == null");
            // HMAC-SHA256 keys shorter than its output are guessable sooner than the hash itself.
            if (guestIdKey.getBytes(StandardCharsets.UTF_8).length < MIN_GUEST_ID_KEY_BYTES) {
                throw new IllegalArgumentException("guestIdKey must be at least " + MIN_GUEST_ID_KEY_BYTES
                        + " bytes (for example 64 random hex digits), was "
                        + guestIdKey.getBytes(StandardCharsets.UTF_8).length);
            }
            this.guestIdKey = guestIdKey;
            return this;
        }

        /** See {@link EventSettings#geoipDisable()}; default true. */
        public Builder geoipDisable(boolean geoipDisable) {
            this.geoipDisable = geoipDisable;
            return this;
        }

        /**
         * See {@link EventSettings#linkBrowserToCustomer()}; default false. Off by default because it
         * changes people in PostHog: the browser's anonymous history becomes the customer's.
         */
        public Builder linkBrowserToCustomer(boolean linkBrowserToCustomer) {
            this.linkBrowserToCustomer = linkBrowserToCustomer;
            return this;
        }

        /** See {@link BatchSettings#flushAt()}; default from the profile. */
        public Builder flushAt(int flushAt) {
            this.flushAt = flushAt;
            return this;
        }

        /** See {@link BatchSettings#flushInterval()}; default from the profile. */
        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval == null");
            return this;
        }

        /** See {@link BatchSettings#maxBatchSize()}; default 500. */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** See {@link BatchSettings#maxQueueSize()}; default 50,000. */
        public Builder maxQueueSize(int maxQueueSize) {
            this.maxQueueSize = maxQueueSize;
            return this;
        }

        /** See {@link BatchSettings#maxQueueBytes()}; default 64 MiB. */
        public Builder maxQueueBytes(long maxQueueBytes) {
            this.maxQueueBytes = maxQueueBytes;
            return this;
        }

        /** See {@link BatchSettings#maxRequestsInFlight()}; default 4. */
        public Builder maxRequestsInFlight(int maxRequestsInFlight) {
            this.maxRequestsInFlight = maxRequestsInFlight;
            return this;
        }

        /** See {@link BatchSettings#requestTimeout()}; default 10 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout == null");
            return this;
        }

        /** See {@link BatchSettings#gzip()}; default true. */
        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        /** See {@link BatchSettings#historicalMigration()}; default false. */
        public Builder historicalMigration(boolean historicalMigration) {
            this.historicalMigration = historicalMigration;
            return this;
        }

        /** See {@link RetrySettings#maxRetries()}; default 10. */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** See {@link RetrySettings#initialBackoff()}; default 1 s. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff == null");
            return this;
        }

        /** See {@link RetrySettings#maxBackoff()}; default 30 s. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff == null");
            return this;
        }

        /** Tells {@code listener} what becomes of each event. */
        public Builder deliveryListener(DeliveryListener listener) {
            this.deliveryListener = Objects.requireNonNull(listener, "listener == null");
            return this;
        }

        /**
         * Sends with {@code httpClient}, for a proxy or custom TLS. Its connect timeout and redirect
         * policy are yours; {@link #requestTimeout} still bounds each request.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
            return this;
        }

        /**
         * A personal API key ({@code phx_...}) with the scope {@code query:read}, for reconciliation to
         * read what PostHog stored; never logged or shown. See {@link QuerySettings}.
         */
        public Builder personalApiKey(String personalApiKey) {
            this.personalApiKey = Objects.requireNonNull(personalApiKey, "personalApiKey == null");
            return this;
        }

        /** The project's id, a number (Project settings), for reconciliation's queries. */
        public Builder projectId(String projectId) {
            this.projectId = Objects.requireNonNull(projectId, "projectId == null");
            return this;
        }

        /**
         * Where queries go; default from the host: {@code https://us.posthog.com} for {@code
         * us.i.posthog.com}, {@code https://eu.posthog.com} for {@code eu.i.posthog.com}, else the host.
         */
        public Builder appHost(String appHost) {
            this.appHost = Objects.requireNonNull(appHost, "appHost == null");
            return this;
        }

        public Builder appHost(URI appHost) {
            return appHost(Objects.requireNonNull(appHost, "appHost == null").toString());
        }

        /**
         * Sets what the {@code POSTHOG_*} variables of {@code env} say, as {@link #fromEnvironment(Map)}
         * reads them; settings whose variable is unset or empty stay as they are, so profile defaults
         * still apply. For frameworks that layer their own properties over the environment.
         *
         * @throws IllegalArgumentException naming the variable, if one holds a bad value
         */
        public Builder environment(Map<String, String> env) {
            EnvironmentReader r = new EnvironmentReader(env);
            r.read("POSTHOG_API_KEY", String::trim, this::apiKey);
            r.read("POSTHOG_HOST", v -> v, this::host);
            r.read("POSTHOG_PROFILE", v -> SettingText.oneOf(Profile.class, v), this::profile);
            r.read("POSTHOG_FLUSH_AT", SettingText::wholeNumber, this::flushAt);
            r.read("POSTHOG_FLUSH_INTERVAL", SettingText::duration, this::flushInterval);
            r.read("POSTHOG_MAX_BATCH_SIZE", SettingText::wholeNumber, this::maxBatchSize);
            r.read("POSTHOG_MAX_QUEUE_SIZE", SettingText::wholeNumber, this::maxQueueSize);
            r.read("POSTHOG_MAX_QUEUE_BYTES", SettingText::bytes, this::maxQueueBytes);
            r.read("POSTHOG_MAX_REQUESTS_IN_FLIGHT", SettingText::wholeNumber, this::maxRequestsInFlight);
            r.read("POSTHOG_REQUEST_TIMEOUT", SettingText::duration, this::requestTimeout);
            r.read("POSTHOG_SHUTDOWN_TIMEOUT", SettingText::duration, this::shutdownTimeout);
            r.read("POSTHOG_MAX_RETRIES", SettingText::wholeNumber, this::maxRetries);
            r.read("POSTHOG_INITIAL_BACKOFF", SettingText::duration, this::initialBackoff);
            r.read("POSTHOG_MAX_BACKOFF", SettingText::duration, this::maxBackoff);
            r.read("POSTHOG_GZIP", SettingText::bool, this::gzip);
            r.read("POSTHOG_HISTORICAL_MIGRATION", SettingText::bool, this::historicalMigration);
            r.read("POSTHOG_GUEST_IDENTITY", v -> SettingText.oneOf(GuestIdentity.class, v), this::guestIdentity);
            r.read("POSTHOG_GUEST_ID_KEY", v -> v, this::guestIdKey);
            r.read("POSTHOG_GEOIP_DISABLE", SettingText::bool, this::geoipDisable);
            r.read("POSTHOG_LINK_BROWSER_TO_CUSTOMER", SettingText::bool, this::linkBrowserToCustomer);
            r.read("POSTHOG_ALLOW_INSECURE_HTTP", SettingText::bool, this::allowInsecureHttp);
            r.read("POSTHOG_PERSONAL_API_KEY", v -> v, this::personalApiKey);
            r.read("POSTHOG_PROJECT_ID", v -> v, this::projectId);
            r.read("POSTHOG_APP_HOST", v -> v, this::appHost);
            return this;
        }

        /** @throws IllegalArgumentException naming the setting, if a value is out of range */
        public PostHogConfig build() {
            return new PostHogConfig(this);
        }
    }
}
