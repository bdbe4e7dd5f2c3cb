package io.github.orderanalytics.posthog.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.Backoff;
import io.github.orderanalytics.posthog.RetrySettings;
import io.github.orderanalytics.posthog.internal.pipeline.RetryPolicy.Action;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");

    private static final RetrySettings SETTINGS = new RetrySettings(3, Duration.ofMillis(100), Duration.ofSeconds(2));

    private final RetryPolicy policy = new RetryPolicy(
            SETTINGS, Backoff.between(SETTINGS.initialBackoff(), SETTINGS.maxBackoff(), new SplittableRandom(7)));

    @Test
    void doublesWithJitterUpToTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delayMillis(1, Optional.empty())).isBetween(50L, 100L);
            assertThat(policy.delayMillis(3, Optional.empty())).isBetween(200L, 400L);
            assertThat(policy.delayMillis(10, Optional.empty())).isBetween(1000L, 2000L);
            assertThat(policy.delayMillis(64, Optional.empty())).isBetween(1000L, 2000L);
        }
    }

    @Test
    void waitsAtLeastWhatRetryAfterAsks() {
        assertThat(policy.delayMillis(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(3000L);
    }

    /**
     * A success delivers whatever the body; a bad event or a too large request splits; redirects and
     * other refusals reject without retry; a refused key is its own decision.
     */
    @ParameterizedTest
    @CsvSource({
        "200, DELIVERED",
        "201, DELIVERED",
        "204, DELIVERED",
        "299, DELIVERED",
        "400, SPLIT",
        "413, SPLIT",
        "301, REJECT",
        "302, REJECT",
        "303, REJECT",
        "307, REJECT",
        "308, REJECT",
        "404, REJECT",
        "405, REJECT",
        "422, REJECT",
        "401, KEY_REFUSED",
        "403, KEY_REFUSED"
    })
    void anAnswerDecidesAtOnce(int status, Action expected) {
        assertThat(policy.decide(SendResult.answered(status), 0, NOW).action()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"408", "429", "500", "502", "503", "504"})
    void transientAnswersRetryUntilTheBudgetIsSpent(int status) {
        SendResult result = SendResult.answered(status);
        for (int retries = 0; retries < 3; retries++) {
            RetryPolicy.Decision decision = policy.decide(result, retries, NOW);
            assertThat(decision.action()).isEqualTo(Action.RETRY);
            assertThat(decision.delayNanos()).isPositive();
        }
        assertThat(policy.decide(result, 3, NOW).action()).isEqualTo(Action.GIVE_UP);
    }

    @Test
    void noAnswerAtAllIsRetried() {
        assertThat(policy.decide(SendResult.failed(new IOException("reset")), 0, NOW)
                        .action())
                .isEqualTo(Action.RETRY);
    }

    @Test
    void retryAfterInSecondsIsWaitedFor() {
        RetryPolicy.Decision decision = policy.decide(SendResult.answered(503).withRetryAfter("120"), 0, NOW);

        assertThat(decision.delayNanos()).isEqualTo(Duration.ofSeconds(120).toNanos());
    }

    @Test
    void retryAfterAsAnHttpDateIsWaitedFor() {
        assertThat(RetryPolicy.retryAfter(Optional.of("Fri, 27 Nov 2026 10:15:45 GMT"), NOW))
                .contains(Duration.ofSeconds(15));
    }

    @Test
    void aDateInThePastMeansNoExtraWait() {
        assertThat(RetryPolicy.retryAfter(Optional.of("Fri, 27 Nov 2026 10:00:00 GMT"), NOW))
                .contains(Duration.ZERO);
        assertThat(policy.decide(SendResult.answered(503).withRetryAfter("Fri, 27 Nov 2026 10:00:00 GMT"), 0, NOW)
                        .delayNanos())
                .isBetween(
                        Duration.ofMillis(50).toNanos(), Duration.ofMillis(100).toNanos());
    }

    @ParameterizedTest
    @ValueSource(strings = {"601", "86400", "9999999", "99999999999999999999999", "Sat, 28 Nov 2026 10:15:30 GMT"})
    void hugeRetryAfterIsCappedAtTenMinutes(String value) {
        assertThat(RetryPolicy.retryAfter(Optional.of(value), NOW)).contains(Duration.ofMinutes(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "1.5", "0.25", "soon", "", "1e3", "+7", "Friday", "7 seconds"})
    void negativeFractionalOrGarbageRetryAfterIsIgnored(String value) {
        assertThat(RetryPolicy.retryAfter(Optional.of(value), NOW)).isEmpty();
        assertThat(policy.decide(SendResult.answered(429).withRetryAfter(value), 0, NOW)
                        .delayNanos())
                .isBetween(
                        Duration.ofMillis(50).toNanos(), Duration.ofMillis(100).toNanos());
    }

    @Test
    void zeroSecondsIsNoExtraWait() {
        assertThat(RetryPolicy.retryAfter(Optional.of("0"), NOW)).contains(Duration.ZERO);
    }
}
