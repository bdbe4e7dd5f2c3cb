package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostHogConfigTest {

    /** The other defaults are the configuration guide's table, which DocumentedDefaultsTest reads back. */
    @Test
    void nothingSetMeansNoApiKeyAndNoGuestIdKey() {
        PostHogConfig c = PostHogConfig.builder().build();

        assertThat(c.apiKey()).isEmpty();
        assertThat(c.event().guestIdKey()).isEmpty();
    }

    @Test
    void developmentProfileSendsAtOnceUnlessOverridden() {
        PostHogConfig dev = PostHogConfig.builder()
                .profile(PostHogConfig.Profile.DEVELOPMENT)
                .build();
        PostHogConfig tuned = PostHogConfig.builder()
                .profile(PostHogConfig.Profile.DEVELOPMENT)
                .flushAt(5)
                .build();

        assertThat(dev.batching().flushAt()).isEqualTo(1);
        assertThat(dev.batching().flushInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(tuned.batching().flushAt()).isEqualTo(5);
        assertThat(tuned.toBuilder().build().batching().flushAt()).isEqualTo(5);
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("POSTHOG_API_KEY", " phc_abc "),
                Map.entry("POSTHOG_HOST", "https://eu.i.posthog.com/"),
                Map.entry("POSTHOG_PROFILE", "development"),
                Map.entry("POSTHOG_FLUSH_AT", "20"),
                Map.entry("POSTHOG_FLUSH_INTERVAL", "PT0.5S"),
                Map.entry("POSTHOG_MAX_BATCH_SIZE", "50"),
                Map.entry("POSTHOG_MAX_QUEUE_SIZE", "99"),
                Map.entry("POSTHOG_MAX_QUEUE_BYTES", "2MiB"),
                Map.entry("POSTHOG_MAX_REQUESTS_IN_FLIGHT", "2"),
                Map.entry("POSTHOG_REQUEST_TIMEOUT", "3s"),
                Map.entry("POSTHOG_SHUTDOWN_TIMEOUT", "1m"),
                Map.entry("POSTHOG_MAX_RETRIES", "0"),
                Map.entry("POSTHOG_INITIAL_BACKOFF", "250ms"),
                Map.entry("POSTHOG_MAX_BACKOFF", "1h"),
                Map.entry("POSTHOG_GZIP", "false"),
                Map.entry("POSTHOG_HISTORICAL_MIGRATION", "true"),
                Map.entry("POSTHOG_GUEST_IDENTITY", "email"),
                Map.entry("POSTHOG_GUEST_ID_KEY", "a-guest-id-secret-of-32-bytes-or-more"),
                Map.entry("POSTHOG_GEOIP_DISABLE", "FALSE"),
                Map.entry("POSTHOG_ALLOW_INSECURE_HTTP", "true"));

        PostHogConfig c = PostHogConfig.fromEnvironment(env);

        assertThat(c.apiKey()).contains("phc_abc");
        assertThat(c.host()).hasToString("https://eu.i.posthog.com");
        assertThat(c.profile()).isEqualTo(PostHogConfig.Profile.DEVELOPMENT);
        assertThat(c.batching().flushAt()).isEqualTo(20);
        assertThat(c.batching().flushInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.batching().maxBatchSize()).isEqualTo(50);
        assertThat(c.batching().maxQueueSize()).isEqualTo(99);
        assertThat(c.batching().maxQueueBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(c.batching().maxRequestsInFlight()).isEqualTo(2);
        assertThat(c.batching().requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.retries().maxRetries()).isZero();
        assertThat(c.retries().initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.retries().maxBackoff()).isEqualTo(Duration.ofHours(1));
        assertThat(c.batching().gzip()).isFalse();
        assertThat(c.batching().historicalMigration()).isTrue();
        assertThat(c.event().guestIdentity()).isEqualTo(GuestIdentity.EMAIL);
        assertThat(c.event().guestIdKey()).contains("a-guest-id-secret-of-32-bytes-or-more");
        assertThat(c.event().geoipDisable()).isFalse();
        assertThat(c.allowInsecureHttp()).isTrue();
    }

    @Test
    void emptyVariablesCountAsUnset() {
        PostHogConfig c = PostHogConfig.fromEnvironment(Map.of("POSTHOG_API_KEY", "", "POSTHOG_FLUSH_AT", "  "));

        assertThat(c.apiKey()).isEmpty();
        assertThat(c.batching().flushAt()).isEqualTo(100);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "POSTHOG_FLUSH_AT|ten|POSTHOG_FLUSH_AT is not a whole number: 'ten'",
                "POSTHOG_FLUSH_INTERVAL|2|POSTHOG_FLUSH_INTERVAL is a bare number, which is ambiguous: add a unit, as in 2ms or 2s: '2'",
                "POSTHOG_SHUTDOWN_TIMEOUT|soon|POSTHOG_SHUTDOWN_TIMEOUT is not a duration: use ISO-8601 (PT2S) or a number with a unit (500ms, 2s, 1m): 'soon'",
                "POSTHOG_REQUEST_TIMEOUT|PTx|POSTHOG_REQUEST_TIMEOUT is not an ISO-8601 duration such as PT2S: 'PTx'",
                "POSTHOG_PROFILE|staging|POSTHOG_PROFILE must be one of production, development: 'staging'",
                "POSTHOG_GUEST_IDENTITY|plain|POSTHOG_GUEST_IDENTITY must be one of hashed, email: 'plain'",
                "POSTHOG_GZIP|yes|POSTHOG_GZIP must be true or false: 'yes'",
                "POSTHOG_MAX_QUEUE_SIZE|0|PostHog configuration from the environment: maxQueueSize (POSTHOG_MAX_QUEUE_SIZE) must be between 1 and 1000000, was 0",
                "POSTHOG_MAX_QUEUE_BYTES|1KiB|PostHog configuration from the environment: maxQueueBytes (POSTHOG_MAX_QUEUE_BYTES) must be between 1048576 and 68719476736, was 1024",
                "POSTHOG_MAX_QUEUE_BYTES|64MB|POSTHOG_MAX_QUEUE_BYTES is not a size: use a whole number of bytes, or KiB, MiB or GiB (64MiB): '64MB'",
                "POSTHOG_MAX_QUEUE_BYTES|99999999999GiB|POSTHOG_MAX_QUEUE_BYTES is too large: '99999999999GiB'",
                "POSTHOG_FLUSH_INTERVAL|99999999999999999h|POSTHOG_FLUSH_INTERVAL is too large: '99999999999999999h'",
                "POSTHOG_FLUSH_INTERVAL|2h|PostHog configuration from the environment: flushInterval (POSTHOG_FLUSH_INTERVAL) must be positive and at most PT1H, was PT2H",
                "POSTHOG_SHUTDOWN_TIMEOUT|PT9999999H|PostHog configuration from the environment: shutdownTimeout (POSTHOG_SHUTDOWN_TIMEOUT) must be positive and at most PT1H, was PT9999999H",
                "POSTHOG_REQUEST_TIMEOUT|11m|PostHog configuration from the environment: requestTimeout (POSTHOG_REQUEST_TIMEOUT) must be positive and at most PT10M, was PT11M",
                "POSTHOG_MAX_BACKOFF|2h|PostHog configuration from the environment: maxBackoff (POSTHOG_MAX_BACKOFF) must be positive and at most PT1H, was PT2H",
                "POSTHOG_MAX_RETRIES|1001|PostHog configuration from the environment: maxRetries (POSTHOG_MAX_RETRIES) must be between 0 and 1000, was 1001",
                "POSTHOG_GUEST_ID_KEY|short-secret|PostHog configuration from the environment: guestIdKey (POSTHOG_GUEST_ID_KEY) must be at least 32 bytes (for example 64 random hex digits), was 12",
                "POSTHOG_HOST|https://user:secret@eu.i.posthog.com|PostHog configuration from the environment: host (POSTHOG_HOST) must not contain user-info (user:password@); PostHog authenticates with the API key alone",
                "POSTHOG_FLUSH_INTERVAL|0s|PostHog configuration from the environment: flushInterval (POSTHOG_FLUSH_INTERVAL) must be positive and at most PT1H, was PT0S",
                "POSTHOG_FLUSH_AT|501|PostHog configuration from the environment: flushAt (POSTHOG_FLUSH_AT) must be between 1 and maxBatchSize (POSTHOG_MAX_BATCH_SIZE) = 500, was 501",
                "POSTHOG_HOST|http://posthog.example.com|PostHog configuration from the environment: host (POSTHOG_HOST) must use https, as the API key travels with every request: 'http://posthog.example.com' (plain http is allowed for loopback, or with allowInsecureHttp)",
                "POSTHOG_HOST|us.i.posthog.com|PostHog configuration from the environment: host (POSTHOG_HOST) must be an http(s) URL such as https://us.i.posthog.com: 'us.i.posthog.com'"
            })
    void badValuesFailNamingTheVariable(String variable, String value, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PostHogConfig.fromEnvironment(Map.of(variable, value)))
                .withMessage(message);
    }

    @Test
    void plainHttpIsAllowedForLoopbackOrByOptIn() {
        assertThat(PostHogConfig.builder()
                        .host("http://127.0.0.1:8080")
                        .build()
                        .host()
                        .getPort())
                .isEqualTo(8080);
        assertThat(PostHogConfig.builder()
                        .host("http://localhost:8080")
                        .build()
                        .host()
                        .getHost())
                .isEqualTo("localhost");
        assertThat(PostHogConfig.builder()
                        .host("http://[::1]:8080")
                        .build()
                        .host()
                        .getPort())
                .isEqualTo(8080);
        assertThat(PostHogConfig.builder()
                        .host("http://proxy.internal")
                        .allowInsecureHttp(true)
                        .build()
                        .host())
                .hasToString("http://proxy.internal");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> PostHogConfig.builder().host("http://10.0.0.1").build())
                .withMessageContaining("must use https");
    }

    @Test
    void toStringNeverShowsTheSecrets() {
        PostHogConfig c = PostHogConfig.builder()
                .apiKey("phc_very_secret")
                .guestIdKey("hmac_secret_of_at_least_32_bytes_x")
                .build();

        assertThat(c.toString())
                .doesNotContain("phc_very_secret")
                .doesNotContain("hmac_secret")
                .contains("apiKey=***", "guestIdKey=***");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PostHogConfig.builder().apiKey(" ").build())
                .withMessage("apiKey (POSTHOG_API_KEY) must not be blank");
    }

    @Test
    void querySettingsTakeTheAppHostFromTheCaptureHostUnlessSet() {
        assertThat(PostHogConfig.builder().build().query())
                .isEqualTo(new QuerySettings(
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.net.URI.create("https://us.posthog.com")));
        assertThat(PostHogConfig.builder()
                        .host("https://eu.i.posthog.com")
                        .build()
                        .query()
                        .appHost())
                .hasToString("https://eu.posthog.com");
        assertThat(PostHogConfig.builder()
                        .host("https://ph.shop.example")
                        .build()
                        .query()
                        .appHost())
                .as("a proxy or self-hosted instance answers both")
                .hasToString("https://ph.shop.example");
        QuerySettings set = PostHogConfig.builder()
                .host("https://eu.i.posthog.com")
                .personalApiKey(" phx_secret ")
                .projectId("12345")
                .appHost("https://eu.posthog.com/")
                .build()
                .query();
        assertThat(set.personalApiKey()).contains("phx_secret");
        assertThat(set.projectId()).contains("12345");
        assertThat(set.appHost()).hasToString("https://eu.posthog.com");
        assertThat(set.isConfigured()).isTrue();
        assertThat(PostHogConfig.builder().projectId("1").build().query().isConfigured())
                .isFalse();
    }

    @Test
    void querySettingsComeFromTheEnvironmentAndSurviveToBuilder() {
        PostHogConfig c = PostHogConfig.fromEnvironment(Map.of(
                "POSTHOG_HOST", "https://eu.i.posthog.com",
                "POSTHOG_PERSONAL_API_KEY", "phx_from_env",
                "POSTHOG_PROJECT_ID", "678",
                "POSTHOG_APP_HOST", "https://posthog.internal.example"));

        assertThat(c.query().personalApiKey()).contains("phx_from_env");
        assertThat(c.query().projectId()).contains("678");
        assertThat(c.query().appHost()).hasToString("https://posthog.internal.example");
        assertThat(c.toBuilder().build().query()).isEqualTo(c.query());
    }

    @Test
    void badQuerySettingsFailNamingTheSettingAndNeverTheKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PostHogConfig.builder().projectId("my-shop").build())
                .withMessage("projectId (POSTHOG_PROJECT_ID) must be the project's number (Project settings,"
                        + " Project ID), like 12345, was 'my-shop'");
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        PostHogConfig.builder().personalApiKey("phx secret\n").build())
                .withMessageStartingWith("personalApiKey (POSTHOG_PERSONAL_API_KEY) must be a personal API key")
                .withMessageNotContaining("secret\n");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> PostHogConfig.builder().appHost("http://10.0.0.1").build())
                .withMessageStartingWith("appHost (POSTHOG_APP_HOST) must use https");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PostHogConfig.fromEnvironment(Map.of("POSTHOG_PERSONAL_API_KEY", "a b")))
                .withMessageNotContaining("a b");
        assertThat(PostHogConfig.builder()
                        .personalApiKey("phx_very_secret")
                        .build()
                        .toString())
                .doesNotContain("phx_very_secret")
                .contains("personalApiKey=***");
    }
}
