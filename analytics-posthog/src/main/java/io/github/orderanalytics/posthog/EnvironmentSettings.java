package io.github.orderanalytics.posthog;

import io.github.orderanalytics.posthog.internal.config.EnvironmentReader;
import io.github.orderanalytics.posthog.internal.config.SettingText;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The {@code POSTHOG_*} variable of each setting, and how its text is read. */
final class EnvironmentSettings {
    private EnvironmentSettings() {}

    /** Sets on {@code b} what the variables of {@code env} say; unset and empty ones change nothing. */
    static void read(Function<String, @Nullable String> env, PostHogConfigBuilder b) {
        EnvironmentReader r = new EnvironmentReader(env);
        r.read("POSTHOG_API_KEY", String::trim, b::apiKey);
        r.read("POSTHOG_HOST", v -> v, b::host);
        r.read("POSTHOG_PROFILE", v -> SettingText.oneOf(PostHogConfig.Profile.class, v), b::profile);
        r.read("POSTHOG_FLUSH_AT", SettingText::wholeNumber, b::flushAt);
        r.read("POSTHOG_FLUSH_INTERVAL", SettingText::duration, b::flushInterval);
        r.read("POSTHOG_MAX_BATCH_SIZE", SettingText::wholeNumber, b::maxBatchSize);
        r.read("POSTHOG_MAX_QUEUE_SIZE", SettingText::wholeNumber, b::maxQueueSize);
        r.read("POSTHOG_MAX_QUEUE_BYTES", SettingText::bytes, b::maxQueueBytes);
        r.read("POSTHOG_MAX_REQUESTS_IN_FLIGHT", SettingText::wholeNumber, b::maxRequestsInFlight);
        r.read("POSTHOG_REQUEST_TIMEOUT", SettingText::duration, b::requestTimeout);
        r.read("POSTHOG_SHUTDOWN_TIMEOUT", SettingText::duration, b::shutdownTimeout);
        r.read("POSTHOG_MAX_RETRIES", SettingText::wholeNumber, b::maxRetries);
        r.read("POSTHOG_INITIAL_BACKOFF", SettingText::duration, b::initialBackoff);
        r.read("POSTHOG_MAX_BACKOFF", SettingText::duration, b::maxBackoff);
        r.read("POSTHOG_GZIP", SettingText::bool, b::gzip);
        r.read("POSTHOG_HISTORICAL_MIGRATION", SettingText::bool, b::historicalMigration);
        r.read("POSTHOG_GUEST_IDENTITY", v -> SettingText.oneOf(GuestIdentity.class, v), b::guestIdentity);
        r.read("POSTHOG_GUEST_ID_KEY", v -> v, b::guestIdKey);
        r.read("POSTHOG_GEOIP_DISABLE", SettingText::bool, b::geoipDisable);
        r.read("POSTHOG_LINK_BROWSER_TO_CUSTOMER", SettingText::bool, b::linkBrowserToCustomer);
        r.read("POSTHOG_ALLOW_INSECURE_HTTP", SettingText::bool, b::allowInsecureHttp);
        r.read("POSTHOG_PERSONAL_API_KEY", v -> v, b::personalApiKey);
        r.read("POSTHOG_PROJECT_ID", v -> v, b::projectId);
        r.read("POSTHOG_APP_HOST", v -> v, b::appHost);
    }
}
