package io.github.orderanalytics.posthog;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link PostHogConfig}:
 *
 * <pre>{@code
 * PostHogConfig config = PostHogConfig.builder().apiKey("phc_...").flushInterval(Duration.ofSeconds(1)).build();
 * PostHogConfig proxied = config.toBuilder().httpClient(proxiedClient).build();
 * }</pre>
 *
 * <p>Setters refuse null and otherwise only record; {@link #build()} checks every value and the rules across
 * them, naming the setting and its variable ({@code docs/architecture.md}, "Where each fact lives").
 *
 * @since 0.1.0
 */
public final class PostHogConfigBuilder {
    @Nullable
    String apiKey;

    String host = PostHogConfig.DEFAULT_HOST;
    PostHogConfig.Profile profile = PostHogConfig.Profile.PRODUCTION;
    boolean allowInsecureHttp;

    @Nullable
    Duration shutdownTimeout;

    @Nullable
    GuestIdentity guestIdentity;

    @Nullable
    String guestIdKey;

    @Nullable
    Boolean geoipDisable;

    @Nullable
    Boolean linkBrowserToCustomer;

    @Nullable
    Integer flushAt;

    @Nullable
    Duration flushInterval;

    @Nullable
    Integer maxBatchSize;

    @Nullable
    Integer maxQueueSize;

    @Nullable
    Long maxQueueBytes;

    @Nullable
    Integer maxRequestsInFlight;

    @Nullable
    Duration requestTimeout;

    @Nullable
    Boolean gzip;

    @Nullable
    Boolean historicalMigration;

    @Nullable
    Integer maxRetries;

    @Nullable
    Duration initialBackoff;

    @Nullable
    Duration maxBackoff;

    @Nullable
    DeliveryListener deliveryListener;

    @Nullable
    HttpClient httpClient;

    @Nullable
    String personalApiKey;

    @Nullable
    String projectId;

    @Nullable
    String appHost;

    PostHogConfigBuilder() {}

    public PostHogConfigBuilder apiKey(String apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
        return this;
    }

    /** The PostHog host, for example {@code https://eu.i.posthog.com} or a reverse proxy; default {@value PostHogConfig#DEFAULT_HOST}. */
    public PostHogConfigBuilder host(String host) {
        this.host = Objects.requireNonNull(host, "host == null");
        return this;
    }

    public PostHogConfigBuilder host(URI host) {
        return host(Objects.requireNonNull(host, "host == null").toString());
    }

    /** The defaults for flushAt and flushInterval, where those are not set explicitly. */
    public PostHogConfigBuilder profile(PostHogConfig.Profile profile) {
        this.profile = Objects.requireNonNull(profile, "profile == null");
        return this;
    }

    /** Allows a plain-http host that is not loopback, for a proxy inside a trusted network. */
    public PostHogConfigBuilder allowInsecureHttp(boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
        return this;
    }

    /** How long {@code close()} may take to deliver what is left, at most 1 hour; default {@value PostHogConfig#DEFAULT_SHUTDOWN_TIMEOUT_SECONDS} s. */
    public PostHogConfigBuilder shutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout == null");
        return this;
    }

    /** See {@link EventSettings#guestIdentity()}; default {@link GuestIdentity#HASHED}. */
    public PostHogConfigBuilder guestIdentity(GuestIdentity guestIdentity) {
        this.guestIdentity = Objects.requireNonNull(guestIdentity, "guestIdentity == null");
        return this;
    }

    /** A secret that turns the hashed guest id into an HMAC-SHA256, so it cannot be matched to an email by guessing. */
    public PostHogConfigBuilder guestIdKey(String guestIdKey) {
        this.guestIdKey = Objects.requireNonNull(guestIdKey, "guestIdKey == null");
        return this;
    }

    /** See {@link EventSettings#geoipDisable()}; default {@value EventSettings#DEFAULT_GEOIP_DISABLE}. */
    public PostHogConfigBuilder geoipDisable(boolean geoipDisable) {
        this.geoipDisable = geoipDisable;
        return this;
    }

    /**
     * See {@link EventSettings#linkBrowserToCustomer()}; default {@value EventSettings#DEFAULT_LINK_BROWSER_TO_CUSTOMER}. Off by default because it
     * changes people in PostHog: the browser's anonymous history becomes the customer's.
     */
    public PostHogConfigBuilder linkBrowserToCustomer(boolean linkBrowserToCustomer) {
        this.linkBrowserToCustomer = linkBrowserToCustomer;
        return this;
    }

    /** See {@link BatchSettings#flushAt()}; default from the profile. */
    public PostHogConfigBuilder flushAt(int flushAt) {
        this.flushAt = flushAt;
        return this;
    }

    /** See {@link BatchSettings#flushInterval()}; default from the profile. */
    public PostHogConfigBuilder flushInterval(Duration flushInterval) {
        this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval == null");
        return this;
    }

    /** See {@link BatchSettings#maxBatchSize()}; default {@value BatchSettings#DEFAULT_MAX_BATCH_SIZE}. */
    public PostHogConfigBuilder maxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /** See {@link BatchSettings#maxQueueSize()}; default {@value BatchSettings#DEFAULT_MAX_QUEUE_SIZE}. */
    public PostHogConfigBuilder maxQueueSize(int maxQueueSize) {
        this.maxQueueSize = maxQueueSize;
        return this;
    }

    /** See {@link BatchSettings#maxQueueBytes()}; default {@value BatchSettings#DEFAULT_MAX_QUEUE_BYTES} (64 MiB). */
    public PostHogConfigBuilder maxQueueBytes(long maxQueueBytes) {
        this.maxQueueBytes = maxQueueBytes;
        return this;
    }

    /** See {@link BatchSettings#maxRequestsInFlight()}; default {@value BatchSettings#DEFAULT_MAX_REQUESTS_IN_FLIGHT}. */
    public PostHogConfigBuilder maxRequestsInFlight(int maxRequestsInFlight) {
        this.maxRequestsInFlight = maxRequestsInFlight;
        return this;
    }

    /** See {@link BatchSettings#requestTimeout()}; default {@value BatchSettings#DEFAULT_REQUEST_TIMEOUT_SECONDS} s. */
    public PostHogConfigBuilder requestTimeout(Duration requestTimeout) {
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout == null");
        return this;
    }

    /** See {@link BatchSettings#gzip()}; default {@value BatchSettings#DEFAULT_GZIP}. */
    public PostHogConfigBuilder gzip(boolean gzip) {
        this.gzip = gzip;
        return this;
    }

    /** See {@link BatchSettings#historicalMigration()}; default {@value BatchSettings#DEFAULT_HISTORICAL_MIGRATION}. */
    public PostHogConfigBuilder historicalMigration(boolean historicalMigration) {
        this.historicalMigration = historicalMigration;
        return this;
    }

    /** See {@link RetrySettings#maxRetries()}; default {@value RetrySettings#DEFAULT_MAX_RETRIES}. */
    public PostHogConfigBuilder maxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return this;
    }

    /** See {@link RetrySettings#initialBackoff()}; default {@value RetrySettings#DEFAULT_INITIAL_BACKOFF_MILLIS} ms. */
    public PostHogConfigBuilder initialBackoff(Duration initialBackoff) {
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff == null");
        return this;
    }

    /** See {@link RetrySettings#maxBackoff()}; default {@value RetrySettings#DEFAULT_MAX_BACKOFF_SECONDS} s. */
    public PostHogConfigBuilder maxBackoff(Duration maxBackoff) {
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff == null");
        return this;
    }

    /** Tells {@code listener} what becomes of each event. */
    public PostHogConfigBuilder deliveryListener(DeliveryListener listener) {
        this.deliveryListener = Objects.requireNonNull(listener, "listener == null");
        return this;
    }

    /**
     * Sends with {@code httpClient}, for a proxy or custom TLS. Its connect timeout and redirect
     * policy are yours; {@link #requestTimeout} still bounds each request.
     */
    public PostHogConfigBuilder httpClient(HttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
        return this;
    }

    /**
     * A personal API key ({@code phx_...}) with the scope {@code query:read}, for reconciliation to
     * read what PostHog stored; never logged or shown. See {@link QuerySettings}.
     */
    public PostHogConfigBuilder personalApiKey(String personalApiKey) {
        this.personalApiKey = Objects.requireNonNull(personalApiKey, "personalApiKey == null");
        return this;
    }

    /** The project's id, a number (Project settings), for reconciliation's queries. */
    public PostHogConfigBuilder projectId(String projectId) {
        this.projectId = Objects.requireNonNull(projectId, "projectId == null");
        return this;
    }

    /**
     * Where queries go; default from the host: {@code https://us.posthog.com} for {@code
     * us.i.posthog.com}, {@code https://eu.posthog.com} for {@code eu.i.posthog.com}, else the host.
     */
    public PostHogConfigBuilder appHost(String appHost) {
        this.appHost = Objects.requireNonNull(appHost, "appHost == null");
        return this;
    }

    public PostHogConfigBuilder appHost(URI appHost) {
        return appHost(Objects.requireNonNull(appHost, "appHost == null").toString());
    }

    /**
     * Sets what the {@code POSTHOG_*} variables of {@code env} say, as {@link PostHogConfig#fromEnvironment(Map)}
     * reads them; settings whose variable is unset or empty stay as they are, so profile defaults
     * still apply. For frameworks that layer their own properties over the environment.
     *
     * @throws IllegalArgumentException naming the variable, if one holds a bad value
     */
    public PostHogConfigBuilder environment(Map<String, String> env) {
        Objects.requireNonNull(env, "env == null");
        return environment(env::get);
    }

    /**
     * As {@link #environment(Map)}, with each variable looked up through {@code variables} (null: unset),
     * for a framework whose environment layers its own sources (Spring's {@code Environment::getProperty}),
     * so that tests and profiles can set the {@code POSTHOG_*} variables too.
     *
     * @throws IllegalArgumentException naming the variable, if one holds a bad value
     * @since 0.1.0
     */
    public PostHogConfigBuilder environment(Function<String, @Nullable String> variables) {
        EnvironmentSettings.read(Objects.requireNonNull(variables, "variables == null"), this);
        return this;
    }

    /** @throws IllegalArgumentException naming the setting, if a value is out of range */
    public PostHogConfig build() {
        return new PostHogConfig(this);
    }
}
