package io.github.orderanalytics.posthog.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingTextTest {

    @ParameterizedTest
    @CsvSource({"PT2S, 2000", "pt0.25s, 250", "500ms, 500", "2s, 2000", "1m, 60000", "1h, 3600000", " 3 s , 3000"})
    void parsesDurations(String text, long millis) {
        assertThat(SettingText.duration(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
