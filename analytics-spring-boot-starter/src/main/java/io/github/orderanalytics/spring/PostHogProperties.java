package io.github.orderanalytics.spring;

import io.github.orderanalytics.posthog.GuestIdentity;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * The PostHog client's settings, {@code order-analytics.posthog.*}; each one unset falls back to its
 * {@code POSTHOG_*} variable, then to the client's default ({@code PostHogConfig}'s {@code DEFAULT_*}).
 *
 * @since 0.1.0
 */
public class PostHogProperties {
    /** The project API key (phc_...). Unset: POSTHOG_API_KEY; without either, the client is disabled. */
    private @Nullable String apiKey;

    /** The PostHog host, e.g. https://eu.i.posthog.com. Unset: POSTHOG_HOST, else https://us.i.posthog.com. */
    private @Nullable String host;

    /** Defaults for batching: production (few, full requests) or development (each event at once). */
    private PostHogConfig.@Nullable Profile profile;

    /** Send as soon as this many events wait. */
    private @Nullable Integer flushAt;

    /** Send what waits at least this often (at most 1 hour). */
    private @Nullable Duration flushInterval;

    /** Most events in one request (1 to 10,000). */
    private @Nullable Integer maxBatchSize;

    /** Most events held in memory, retries included. */
    private @Nullable Integer maxQueueSize;

    /** Most bytes of orders held in memory, as their JSON size bounds. */
    private @Nullable DataSize maxQueueBytes;

    /** Most requests under way at once. */
    private @Nullable Integer maxRequestsInFlight;

    /** How long one request may take until PostHog's answer starts. */
    private @Nullable Duration requestTimeout;

    /** How long closing the client, with the application context, may take to deliver what is left. */
    private @Nullable Duration shutdownTimeout;

    /** How many times one request is sent again after a retryable failure. */
    private @Nullable Integer maxRetries;

    /** The first retry's delay before jitter. */
    private @Nullable Duration initialBackoff;

    /** The longest delay between tries. */
    private @Nullable Duration maxBackoff;

    /** Whether request bodies are gzipped. */
    private @Nullable Boolean gzip;

    /** Whether a request whose events are all over 48 hours old is marked historical_migration. */
    private @Nullable Boolean historicalMigration;

    /** How a guest's email becomes the distinct id: hashed or email. */
    private @Nullable GuestIdentity guestIdentity;

    /** The secret (at least 32 bytes) under which guest emails are HMAC-SHA256 hashed. */
    private @Nullable String guestIdKey;

    /** Whether events carry $geoip_disable: true. */
    private @Nullable Boolean geoipDisable;

    /**
     * Whether a customer's order from a browser that was an anonymous visitor goes with one $identify,
     * joining that browsing to the customer in PostHog.
     */
    private @Nullable Boolean linkBrowserToCustomer;

    /** Allow a plain-http host that is not loopback. */
    private @Nullable Boolean allowInsecureHttp;

    /** A personal API key (phx_...) with the scope query:read, for reconciliation; never logged. */
    private @Nullable String personalApiKey;

    /** The PostHog project's id, a number (Project settings), for reconciliation. */
    private @Nullable String projectId;

    /**
     * Where reconciliation's queries go; unset, from the host: us.i.posthog.com gives https://us.posthog.com,
     * eu.i.posthog.com https://eu.posthog.com, any other host itself.
     */
    private @Nullable String appHost;

    public @Nullable String getApiKey() {
        return apiKey;
    }

    public void setApiKey(@Nullable String apiKey) {
        this.apiKey = apiKey;
    }

    public @Nullable String getHost() {
        return host;
    }

    public void setHost(@Nullable String host) {
        this.host = host;
    }

    public PostHogConfig.@Nullable Profile getProfile() {
        return profile;
    }

    public void setProfile(PostHogConfig.@Nullable Profile profile) {
        this.profile = profile;
    }

    public @Nullable Integer getFlushAt() {
        return flushAt;
    }

    public void setFlushAt(@Nullable Integer flushAt) {
        this.flushAt = flushAt;
    }

    public @Nullable Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(@Nullable Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    public @Nullable Integer getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(@Nullable Integer maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public @Nullable Integer getMaxQueueSize() {
        return maxQueueSize;
    }

    public void setMaxQueueSize(@Nullable Integer maxQueueSize) {
        this.maxQueueSize = maxQueueSize;
    }

    public @Nullable DataSize getMaxQueueBytes() {
        return maxQueueBytes;
    }

    public void setMaxQueueBytes(@Nullable DataSize maxQueueBytes) {
        this.maxQueueBytes = maxQueueBytes;
    }

    public @Nullable Integer getMaxRequestsInFlight() {
        return maxRequestsInFlight;
    }

    public void setMaxRequestsInFlight(@Nullable Integer maxRequestsInFlight) {
        this.maxRequestsInFlight = maxRequestsInFlight;
    }

    public @Nullable Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(@Nullable Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public @Nullable Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(@Nullable Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public @Nullable Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(@Nullable Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public @Nullable Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(@Nullable Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public @Nullable Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(@Nullable Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public @Nullable Boolean getGzip() {
        return gzip;
    }

    public void setGzip(@Nullable Boolean gzip) {
        this.gzip = gzip;
    }

    public @Nullable Boolean getHistoricalMigration() {
        return historicalMigration;
    }

    public void setHistoricalMigration(@Nullable Boolean historicalMigration) {
        this.historicalMigration = historicalMigration;
    }

    public @Nullable GuestIdentity getGuestIdentity() {
        return guestIdentity;
    }

    public void setGuestIdentity(@Nullable GuestIdentity guestIdentity) {
        this.guestIdentity = guestIdentity;
    }

    public @Nullable String getGuestIdKey() {
        return guestIdKey;
    }

    public void setGuestIdKey(@Nullable String guestIdKey) {
        this.guestIdKey = guestIdKey;
    }

    public @Nullable Boolean getGeoipDisable() {
        return geoipDisable;
    }

    public void setGeoipDisable(@Nullable Boolean geoipDisable) {
        this.geoipDisable = geoipDisable;
    }

    public @Nullable Boolean getLinkBrowserToCustomer() {
        return linkBrowserToCustomer;
    }

    public void setLinkBrowserToCustomer(@Nullable Boolean linkBrowserToCustomer) {
        this.linkBrowserToCustomer = linkBrowserToCustomer;
    }

    public @Nullable Boolean getAllowInsecureHttp() {
        return allowInsecureHttp;
    }

    public void setAllowInsecureHttp(@Nullable Boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    public @Nullable String getPersonalApiKey() {
        return personalApiKey;
    }

    public void setPersonalApiKey(@Nullable String personalApiKey) {
        this.personalApiKey = personalApiKey;
    }

    public @Nullable String getProjectId() {
        return projectId;
    }

    public void setProjectId(@Nullable String projectId) {
        this.projectId = projectId;
    }

    public @Nullable String getAppHost() {
        return appHost;
    }

    public void setAppHost(@Nullable String appHost) {
        this.appHost = appHost;
    }

    /**
     * The client configuration these properties describe: {@code env} (the {@code POSTHOG_*}
     * variables) first, then every property that is set.
     */
    public PostHogConfig toConfig(Map<String, String> env) {
        Objects.requireNonNull(env, "env == null");
        return toConfig(env::get);
    }

    /**
     * As {@link #toConfig(Map)}, with each {@code POSTHOG_*} variable looked up through {@code variables}:
     * the starter passes Spring's {@code Environment}, whose system environment tests and profiles can
     * override.
     *
     * @since 0.1.0
     */
    public PostHogConfig toConfig(Function<String, @Nullable String> variables) {
        return toConfigBuilder(variables).build();
    }

    /**
     * A builder with what {@code variables} and these properties say, not checked yet: for a {@link
     * PostHogConfigCustomizer} to add to before it is built.
     *
     * @since 0.1.0
     */
    public PostHogConfigBuilder toConfigBuilder(Function<String, @Nullable String> variables) {
        PostHogConfigBuilder b = PostHogConfig.builder().environment(variables);
        whenSet(apiKey, b::apiKey);
        whenSet(host, b::host);
        whenSet(profile, b::profile);
        whenSet(flushAt, b::flushAt);
        whenSet(flushInterval, b::flushInterval);
        whenSet(maxBatchSize, b::maxBatchSize);
        whenSet(maxQueueSize, b::maxQueueSize);
        whenSet(maxQueueBytes, value -> b.maxQueueBytes(value.toBytes()));
        whenSet(maxRequestsInFlight, b::maxRequestsInFlight);
        whenSet(requestTimeout, b::requestTimeout);
        whenSet(shutdownTimeout, b::shutdownTimeout);
        whenSet(maxRetries, b::maxRetries);
        whenSet(initialBackoff, b::initialBackoff);
        whenSet(maxBackoff, b::maxBackoff);
        whenSet(gzip, b::gzip);
        whenSet(historicalMigration, b::historicalMigration);
        whenSet(guestIdentity, b::guestIdentity);
        whenSet(guestIdKey, b::guestIdKey);
        whenSet(geoipDisable, b::geoipDisable);
        whenSet(linkBrowserToCustomer, b::linkBrowserToCustomer);
        whenSet(allowInsecureHttp, b::allowInsecureHttp);
        whenSet(personalApiKey, b::personalApiKey);
        whenSet(projectId, b::projectId);
        whenSet(appHost, b::appHost);
        return b;
    }

    /** A property left unset keeps what the environment or the default said. */
    private static <T> void whenSet(@Nullable T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
