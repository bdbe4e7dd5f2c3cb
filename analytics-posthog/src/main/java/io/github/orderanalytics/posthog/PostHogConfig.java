package io.github.orderanalytics.posthog;

import io.github.orderanalytics.posthog.internal.Settings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a {@link PostHogOrderAnalytics}: where to send, how to batch and retry, and how
 * guests are identified.
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
 * setting and the bad value. Immutable; {@link #toString()} never shows the API key or the
 * guest-id key.
 *
 * @since 0.1.0
 */
public final class PostHogConfig {
    /** PostHog Cloud US; use {@code https://eu.i.posthog.com} for the EU region. */
    public static final String DEFAULT_HOST = "https://us.i.posthog.com";

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

    private final String apiKey;
    private final URI host;
    private final Profile profile;
    private final int flushAt;
    private final Duration flushInterval;
    private final int maxBatchSize;
    private final int maxQueueSize;
    private final int maxRequestsInFlight;
    private final Duration requestTimeout;
    private final Duration shutdownTimeout;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final boolean gzip;
    private final GuestIdentity guestIdentity;
    private final String guestIdKey;
    private final boolean geoipDisable;
    private final boolean allowInsecureHttp;
    private final DeliveryListener deliveryListener;
    private final HttpClient httpClient;

    private PostHogConfig(Builder b) {
        this.apiKey = b.apiKey;
        this.profile = b.profile;
        this.allowInsecureHttp = b.allowInsecureHttp;
        this.host = host(b.host, allowInsecureHttp);
        this.flushAt = atLeast("flushAt", or(b.flushAt, profile.flushAt), 1);
        this.flushInterval = positive("flushInterval", or(b.flushInterval, profile.flushInterval));
        this.maxBatchSize = atLeast("maxBatchSize", or(b.maxBatchSize, 500), 1);
        this.maxQueueSize = atLeast("maxQueueSize", or(b.maxQueueSize, 10_000), 1);
        this.maxRequestsInFlight = atLeast("maxRequestsInFlight", or(b.maxRequestsInFlight, 4), 1);
        this.requestTimeout = positive("requestTimeout", or(b.requestTimeout, Duration.ofSeconds(10)));
        this.shutdownTimeout = positive("shutdownTimeout", or(b.shutdownTimeout, Duration.ofSeconds(10)));
        this.maxRetries = atLeast("maxRetries", or(b.maxRetries, 10), 0);
        this.initialBackoff = positive("initialBackoff", or(b.initialBackoff, Duration.ofSeconds(1)));
        this.maxBackoff = positive("maxBackoff", or(b.maxBackoff, Duration.ofSeconds(30)));
        this.gzip = or(b.gzip, true);
        this.guestIdentity = or(b.guestIdentity, GuestIdentity.HASHED);
        this.guestIdKey = b.guestIdKey;
        this.geoipDisable = or(b.geoipDisable, true);
        this.deliveryListener = b.deliveryListener;
        this.httpClient = b.httpClient;
        if (flushAt > maxBatchSize) {
            throw new IllegalArgumentException(named("flushAt") + " = " + flushAt + " must not exceed "
                    + named("maxBatchSize") + " = " + maxBatchSize);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(named("maxBackoff") + " = " + maxBackoff + " must not be less than "
                    + named("initialBackoff") + " = " + initialBackoff);
        }
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
        b.flushAt = flushAt;
        b.flushInterval = flushInterval;
        b.maxBatchSize = maxBatchSize;
        b.maxQueueSize = maxQueueSize;
        b.maxRequestsInFlight = maxRequestsInFlight;
        b.requestTimeout = requestTimeout;
        b.shutdownTimeout = shutdownTimeout;
        b.maxRetries = maxRetries;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.gzip = gzip;
        b.guestIdentity = guestIdentity;
        b.guestIdKey = guestIdKey;
        b.geoipDisable = geoipDisable;
        b.allowInsecureHttp = allowInsecureHttp;
        b.deliveryListener = deliveryListener;
        b.httpClient = httpClient;
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
     * {@code POSTHOG_FLUSH_INTERVAL}, {@code POSTHOG_GUEST_ID_KEY}, ...). Durations are ISO-8601
     * ({@code PT2S}) or a number with a unit ({@code 500ms}, {@code 2s}, {@code 1m}); a bare number
     * is rejected as ambiguous. An empty variable counts as unset. Without an API key the result
     * makes a disabled client.
     *
     * @throws IllegalArgumentException naming the variable, if one holds a bad value
     */
    public static PostHogConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env == null");
        Builder b = new Builder();
        EnvReader r = new EnvReader(env);
        r.read("POSTHOG_API_KEY", v -> b.apiKey(v.trim()));
        r.read("POSTHOG_HOST", b::host);
        r.read("POSTHOG_PROFILE", v -> b.profile(Settings.oneOf(Profile.class, v)));
        r.read("POSTHOG_FLUSH_AT", v -> b.flushAt(Settings.wholeNumber(v)));
        r.read("POSTHOG_FLUSH_INTERVAL", v -> b.flushInterval(Settings.duration(v)));
        r.read("POSTHOG_MAX_BATCH_SIZE", v -> b.maxBatchSize(Settings.wholeNumber(v)));
        r.read("POSTHOG_MAX_QUEUE_SIZE", v -> b.maxQueueSize(Settings.wholeNumber(v)));
        r.read("POSTHOG_MAX_REQUESTS_IN_FLIGHT", v -> b.maxRequestsInFlight(Settings.wholeNumber(v)));
        r.read("POSTHOG_REQUEST_TIMEOUT", v -> b.requestTimeout(Settings.duration(v)));
        r.read("POSTHOG_SHUTDOWN_TIMEOUT", v -> b.shutdownTimeout(Settings.duration(v)));
        r.read("POSTHOG_MAX_RETRIES", v -> b.maxRetries(Settings.wholeNumber(v)));
        r.read("POSTHOG_INITIAL_BACKOFF", v -> b.initialBackoff(Settings.duration(v)));
        r.read("POSTHOG_MAX_BACKOFF", v -> b.maxBackoff(Settings.duration(v)));
        r.read("POSTHOG_GZIP", v -> b.gzip(Settings.bool(v)));
        r.read("POSTHOG_GUEST_IDENTITY", v -> b.guestIdentity(Settings.oneOf(GuestIdentity.class, v)));
        r.read("POSTHOG_GUEST_ID_KEY", b::guestIdKey);
        r.read("POSTHOG_GEOIP_DISABLE", v -> b.geoipDisable(Settings.bool(v)));
        r.read("POSTHOG_ALLOW_INSECURE_HTTP", v -> b.allowInsecureHttp(Settings.bool(v)));
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

    /** Send as soon as this many events are waiting. */
    public int flushAt() {
        return flushAt;
    }

    /** Send what is waiting at least this often. */
    public Duration flushInterval() {
        return flushInterval;
    }

    /** Most events in one request. */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** Most events held in memory, including those in requests and waiting for a retry. */
    public int maxQueueSize() {
        return maxQueueSize;
    }

    /** Most requests under way at once. */
    public int maxRequestsInFlight() {
        return maxRequestsInFlight;
    }

    /** How long one request may take until PostHog's response starts. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long {@code close()} (and so the shutdown hook) may take to deliver what is left. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** The retry budget: how many times one request is sent again after a retryable failure. */
    public int maxRetries() {
        return maxRetries;
    }

    /** The first retry's delay before jitter; each further retry doubles it, up to {@link #maxBackoff()}. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public boolean gzip() {
        return gzip;
    }

    public GuestIdentity guestIdentity() {
        return guestIdentity;
    }

    /** The secret under which guest emails are hashed with HMAC-SHA256; empty: plain SHA-256. */
    public Optional<String> guestIdKey() {
        return Optional.ofNullable(guestIdKey);
    }

    /** Whether events carry {@code $geoip_disable: true}: a server's IP says nothing about the buyer. */
    public boolean geoipDisable() {
        return geoipDisable;
    }

    public boolean allowInsecureHttp() {
        return allowInsecureHttp;
    }

    /** Told of every event's outcome; empty if none was set. */
    public Optional<DeliveryListener> deliveryListener() {
        return Optional.ofNullable(deliveryListener);
    }

    /** The HTTP client to send with; empty: one made from these settings. */
    public Optional<HttpClient> httpClient() {
        return Optional.ofNullable(httpClient);
    }

    @Override
    public String toString() {
        return "PostHogConfig{apiKey=" + (apiKey == null ? "none" : "***")
                + ", host=" + host + ", profile=" + profile + ", flushAt=" + flushAt + ", flushInterval="
                + flushInterval
                + ", maxBatchSize=" + maxBatchSize + ", maxQueueSize=" + maxQueueSize
                + ", maxRequestsInFlight=" + maxRequestsInFlight + ", requestTimeout=" + requestTimeout
                + ", shutdownTimeout=" + shutdownTimeout + ", maxRetries=" + maxRetries
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + ", gzip=" + gzip
                + ", guestIdentity=" + guestIdentity + ", guestIdKey=" + (guestIdKey == null ? "none" : "***")
                + ", geoipDisable=" + geoipDisable + ", allowInsecureHttp=" + allowInsecureHttp
                + (deliveryListener != null ? ", deliveryListener=" + deliveryListener : "")
                + (httpClient != null ? ", httpClient=custom" : "") + "}";
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(named(name) + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    private static Duration positive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(named(name) + " must be positive, was " + value);
        }
        return value;
    }

    /** A setting's name with its environment variable, for example {@code flushAt (POSTHOG_FLUSH_AT)}. */
    private static String named(String setting) {
        return setting + " (POSTHOG_"
                + setting.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT) + ")";
    }

    private static URI host(String text, boolean allowInsecureHttp) {
        URI uri;
        try {
            uri = new URI(text.trim().replaceAll("/+$", ""));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    named("host") + " is not a URL such as " + DEFAULT_HOST + ": '" + text + "'", e);
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null
                || !("https".equals(scheme) || "http".equals(scheme))
                || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw new IllegalArgumentException(
                    named("host") + " must be an http(s) URL such as " + DEFAULT_HOST + ": '" + text + "'");
        }
        if ("http".equals(scheme) && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException(
                    named("host") + " must use https, as the API key travels with every request: '" + text
                            + "' (plain http is allowed for loopback, or with allowInsecureHttp)");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: never resolve it here, DNS may say anything
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Builds a {@link PostHogConfig}. Setters only record; {@link #build()} checks. */
    public static final class Builder {
        private String apiKey;
        private String host = DEFAULT_HOST;
        private Profile profile = Profile.PRODUCTION;
        private Integer flushAt;
        private Duration flushInterval;
        private Integer maxBatchSize;
        private Integer maxQueueSize;
        private Integer maxRequestsInFlight;
        private Duration requestTimeout;
        private Duration shutdownTimeout;
        private Integer maxRetries;
        private Duration initialBackoff;
        private Duration maxBackoff;
        private Boolean gzip;
        private GuestIdentity guestIdentity;
        private String guestIdKey;
        private Boolean geoipDisable;
        private boolean allowInsecureHttp;
        private DeliveryListener deliveryListener;
        private HttpClient httpClient;

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

        public Builder flushAt(int flushAt) {
            this.flushAt = flushAt;
            return this;
        }

        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval == null");
            return this;
        }

        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        public Builder maxQueueSize(int maxQueueSize) {
            this.maxQueueSize = maxQueueSize;
            return this;
        }

        public Builder maxRequestsInFlight(int maxRequestsInFlight) {
            this.maxRequestsInFlight = maxRequestsInFlight;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout == null");
            return this;
        }

        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout == null");
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff == null");
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff == null");
            return this;
        }

        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        public Builder guestIdentity(GuestIdentity guestIdentity) {
            this.guestIdentity = Objects.requireNonNull(guestIdentity, "guestIdentity == null");
            return this;
        }

        /** A secret that turns the hashed guest id into an HMAC-SHA256, so it cannot be matched to an email by guessing. */
        public Builder guestIdKey(String guestIdKey) {
            Objects.requireNonNull(guestIdKey, "guestIdKey == null");
            if (guestIdKey.isBlank()) {
                throw new IllegalArgumentException("guestIdKey must not be blank");
            }
            this.guestIdKey = guestIdKey;
            return this;
        }

        public Builder geoipDisable(boolean geoipDisable) {
            this.geoipDisable = geoipDisable;
            return this;
        }

        /** Allows a plain-http host that is not loopback, for a proxy inside a trusted network. */
        public Builder allowInsecureHttp(boolean allowInsecureHttp) {
            this.allowInsecureHttp = allowInsecureHttp;
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

        /** @throws IllegalArgumentException naming the setting, if a value is out of range */
        public PostHogConfig build() {
            return new PostHogConfig(this);
        }
    }

    /** Applies environment variables, prefixing any error with the variable's name. */
    private static final class EnvReader {
        private final Map<String, String> env;

        EnvReader(Map<String, String> env) {
            this.env = env;
        }

        void read(String name, java.util.function.Consumer<String> apply) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return;
            }
            try {
                apply.accept(value);
            } catch (IllegalArgumentException e) {
                String shown = name.endsWith("_KEY") ? "" : " " + e.getMessage();
                throw new IllegalArgumentException(name + shown + (shown.isEmpty() ? " is invalid" : ""), e);
            }
        }
    }
}
