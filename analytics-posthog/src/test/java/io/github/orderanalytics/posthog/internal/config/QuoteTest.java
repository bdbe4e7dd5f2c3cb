package io.github.orderanalytics.posthog.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuoteTest {

    @Test
    void controlCharactersAndLoneSurrogatesAreEscaped() {
        assertThat(Quote.of("a\nb")).isEqualTo("'a\\u000ab'");
        assertThat(Quote.of("x\ud83dy")).isEqualTo("'x\\ud83dy'");
        assertThat(Quote.of("x\ude00y")).isEqualTo("'x\\ude00y'");
    }

    @Test
    void aSupplementaryCharacterIsKeptWholeAndNeverCutInHalf() {
        String emoji = "\ud83d\ude00"; // one character, two chars
        assertThat(Quote.of(emoji)).isEqualTo("'" + emoji + "'");

        String cutAtThePair = "a".repeat(99) + emoji + "tail";
        String quoted = Quote.of(cutAtThePair);

        assertThat(quoted).isEqualTo("'" + "a".repeat(99) + emoji + "…'");
        assertThat(quoted.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE))
                .as("no lone surrogate")
                .isEmpty();
    }

    @Test
    void longValuesAreShortened() {
        assertThat(Quote.of("b".repeat(150))).isEqualTo("'" + "b".repeat(100) + "…'");
    }
}
