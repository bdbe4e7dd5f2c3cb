package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostHogConfigTest {

    @Test
    void productionDefaultsMatchTheReadme() {
        PostHogConfig c = PostHogConfig.builder().build();

        assertThat(c.apiKey()).isEmpty();
        assertThat(c.host()).hasToString("https://us.i.posthog.com");
        assertThat(c.flushAt()).isEqualTo(100);
        assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.maxBatchSize()).isEqualTo(500);
        assertThat(c.maxQueueSize()).isEqualTo(10_000);
        assertThat(c.maxRequestsInFlight()).isEqualTo(4);
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxRetries()).isEqualTo(10);
        assertThat(c.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.gzip()).isTrue();
        assertThat(c.guestIdentity()).isEqualTo(GuestIdentity.HASHED);
        assertThat(c.guestIdKey()).isEmpty();
        assertThat(c.geoipDisable()).isTrue();
        assertThat(c.allowInsecureHttp()).isFalse();
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

        assertThat(dev.flushAt()).isEqualTo(1);
        assertThat(dev.flushInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(tuned.flushAt()).isEqualTo(5);
        assertThat(tuned.toBuilder().build().flushAt()).isEqualTo(5);
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("POSTHOG_API_KEY", " phc_abc "), Map.entry("POSTHOG_HOST", "https://eu.i.posthog.com/"),
                Map.entry("POSTHOG_PROFILE", "development"), Map.entry("POSTHOG_FLUSH_AT", "20"),
                Map.entry("POSTHOG_FLUSH_INTERVAL", "PT0.5S"), Map.entry("POSTHOG_MAX_BATCH_SIZE", "50"),
                Map.entry("POSTHOG_MAX_QUEUE_SIZE", "99"), Map.entry("POSTHOG_MAX_REQUESTS_IN_FLIGHT", "2"),
                Map.entry("POSTHOG_REQUEST_TIMEOUT", "3s"), Map.entry("POSTHOG_SHUTDOWN_TIMEOUT", "1m"),
                Map.entry("POSTHOG_MAX_RETRIES", "0"), Map.entry("POSTHOG_INITIAL_BACKOFF", "250ms"),
                Map.entry("POSTHOG_MAX_BACKOFF", "1h"), Map.entry("POSTHOG_GZIP", "false"),
                Map.entry("POSTHOG_GUEST_IDENTITY", "email"), Map.entry("POSTHOG_GUEST_ID_KEY", "secret"),
                Map.entry("POSTHOG_GEOIP_DISABLE", "FALSE"), Map.entry("POSTHOG_ALLOW_INSECURE_HTTP", "true"));

        PostHogConfig c = PostHogConfig.fromEnvironment(env);

        assertThat(c.apiKey()).contains("phc_abc");
        assertThat(c.host()).hasToString("https://eu.i.posthog.com");
        assertThat(c.profile()).isEqualTo(PostHogConfig.Profile.DEVELOPMENT);
        assertThat(c.flushAt()).isEqualTo(20);
        assertThat(c.flushInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.maxBatchSize()).isEqualTo(50);
        assertThat(c.maxQueueSize()).isEqualTo(99);
        assertThat(c.maxRequestsInFlight()).isEqualTo(2);
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.maxRetries()).isZero();
        assertThat(c.initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.maxBackoff()).isEqualTo(Duration.ofHours(1));
        assertThat(c.gzip()).isFalse();
        assertThat(c.guestIdentity()).isEqualTo(GuestIdentity.EMAIL);
        assertThat(c.guestIdKey()).contains("secret");
        assertThat(c.geoipDisable()).isFalse();
        assertThat(c.allowInsecureHttp()).isTrue();
    }

    @Test
    void emptyVariablesCountAsUnset() {
        PostHogConfig c = PostHogConfig.fromEnvironment(Map.of("POSTHOG_API_KEY", "", "POSTHOG_FLUSH_AT", "  "));

        assertThat(c.apiKey()).isEmpty();
        assertThat(c.flushAt()).isEqualTo(100);
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
                "POSTHOG_MAX_QUEUE_SIZE|0|PostHog configuration from the environment: maxQueueSize (POSTHOG_MAX_QUEUE_SIZE) must be at least 1, was 0",
                "POSTHOG_FLUSH_INTERVAL|0s|PostHog configuration from the environment: flushInterval (POSTHOG_FLUSH_INTERVAL) must be positive, was PT0S",
                "POSTHOG_FLUSH_AT|501|PostHog configuration from the environment: flushAt (POSTHOG_FLUSH_AT) = 501 must not exceed maxBatchSize (POSTHOG_MAX_BATCH_SIZE) = 500",
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
                .guestIdKey("hmac_secret")
                .build();

        assertThat(c.toString())
                .doesNotContain("phc_very_secret")
                .doesNotContain("hmac_secret")
                .contains("apiKey=***", "guestIdKey=***");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PostHogConfig.builder().apiKey(" "))
                .withMessage("apiKey must not be blank");
    }
}
