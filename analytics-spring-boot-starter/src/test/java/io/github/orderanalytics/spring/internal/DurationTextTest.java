package io.github.orderanalytics.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationTextTest {
    @Test
    void takesAUnitOrIso8601() {
        assertThat(DurationText.positive("age", "30d")).isEqualTo(Duration.ofDays(30));
        assertThat(DurationText.positive("age", " 12h ")).isEqualTo(Duration.ofHours(12));
        assertThat(DurationText.positive("age", "P30D")).isEqualTo(Duration.ofDays(30));
        assertThat(DurationText.positive("age", "500ms")).isEqualTo(Duration.ofMillis(500));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "30   | olderThan must be a number with a unit (30d, 12h, 90m) or ISO-8601 (P30D); a bare number is ambiguous, was '30'",
                "0s   | olderThan must be more than zero, was '0s'",
                "-1d  | olderThan must be more than zero, was '-1d'",
                "soon | olderThan is not a duration (30d, 12h, P30D): 'soon'",
                "P    | olderThan is not a duration (30d, 12h, P30D): 'P'"
            })
    void refusesABareNumberZeroNegativeAndTextNamingTheSetting(String text, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurationText.positive("olderThan", text))
                .withMessage(message);
    }

    @Test
    void refusesNothingNamingTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurationText.positive("olderThan", null))
                .withMessageStartingWith("olderThan is not a duration");
    }
}
