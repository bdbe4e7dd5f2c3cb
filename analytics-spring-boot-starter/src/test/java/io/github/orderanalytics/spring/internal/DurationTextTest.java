package io.github.orderanalytics.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void takesAUnitOrIso8601() {
        assertThat(DurationText.positive("age", "30d")).isEqualTo(Duration.ofDays(30));
        assertThat(DurationText.positive("age", " 12h ")).isEqualTo(Duration.ofHours(12));
        assertThat(DurationText.positive("age", "P30D")).isEqualTo(Duration.ofDays(30));
        assertThat(DurationText.positive("age", "500ms")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refusesABareNumberZeroNegativeAndTextNamingTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurationText.positive("olderThan", "30"))
                .withMessage("olderThan must be a number with a unit (30d, 12h, 90m) or ISO-8601 (P30D);"
                        + " a bare number is ambiguous, was '30'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurationText.positive("olderThan", "0s"))
                .withMessage("olderThan must be more than zero, was '0s'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurationText.positive("olderThan", "-1d"))
                .withMessage("olderThan must be more than zero, was '-1d'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurationText.positive("olderThan", "soon"))
                .withMessage("olderThan is not a duration (30d, 12h, P30D): 'soon'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurationText.positive("olderThan", "P"))
                .withMessageStartingWith("olderThan is not a duration");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurationText.positive("olderThan", null))
                .withMessageStartingWith("olderThan is not a duration");
    }
}
