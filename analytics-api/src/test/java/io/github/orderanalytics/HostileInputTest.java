package io.github.orderanalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cases that once got through, or cost far more than they should: one test each. */
class HostileInputTest {

    @Test
    void aHugeExponentIsRefusedWithAShortMessage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.of("1E+99999999", "EUR"))
                .withMessage("amount has more than 15 digits before the point: 1E+99999999 EUR");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.of("1E-99999999", "EUR"))
                .withMessage("amount 1E-99999999 has more decimals than EUR allows (2)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+2147483648", "1E-2147483649", "1E+9999999999999"})
    void anExponentPastTheIntRangeIsRefusedNamingTheAmount(String amount) {
        // Java 17 cannot parse 1E+2147483648 (not a decimal number); Java 25 reads it, with a scale of
        // Integer.MIN_VALUE, and it is too large. Refused either way, naming the field and the value.
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.of(amount, "EUR"))
                .withMessageStartingWith("amount ")
                .withMessageContaining(amount)
                .satisfies(e -> assertThat(e.getMessage())
                        .containsAnyOf("is not a decimal number", "more than 15 digits before the point"));
    }

    @Test
    void extremeScalesNeverEscapeAsArithmeticException() {
        for (int scale : new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE, -16}) {
            BigDecimal extreme = new BigDecimal(BigInteger.ONE, scale);
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Money.of(extreme, "EUR"))
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
        }
        assertThat(Money.of(new BigDecimal(BigInteger.ZERO, Integer.MAX_VALUE), "EUR"))
                .isEqualTo(Money.of("0.00", "EUR"));
    }

    @Test
    void aVeryLongAmountIsRefusedBeforeItIsParsed() {
        String digits = "1".repeat(1_000_000);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.of(digits, "EUR"))
                .withMessageStartingWith("amount is not a decimal number of at most 100 characters: '111")
                .withMessageEndingWith("… (1000000 characters)");
    }

    @Test
    void aLoneSurrogateInAnOrderIdIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Order.builder("ord_\uD800", Money.of("1.00", "EUR")))
                .withMessage("orderId must not contain a lone surrogate (U+D800 at index 4): 'ord_\\ud800'");
        assertThat(Order.builder("ord_\uD83D\uDE00", Money.of("1.00", "EUR"))
                        .build()
                        .orderId())
                .as("a whole supplementary character is fine")
                .isEqualTo("ord_😀");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"null", "0", " NULL ", "undefined", "[object Object]", "00000000-0000-0000-0000-000000000000"})
    void idsPostHogRefusesAreRefused(String id) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Identity.customer(id))
                .withMessageStartingWith("customerId '" + id + "' is refused by PostHog as a distinct id");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Identity.anonymous(id))
                .withMessageContaining("is refused by PostHog as a distinct id");
    }

    @Test
    void aGuestEmailWithAnInvisibleOrControlCharacterIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Identity.guest("jane@exa\u0000mple.com"))
                .withMessage("email must not contain control or invisible characters (U+0000 at index 8):"
                        + " 'jane@exa\\u0000mple.com'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Identity.guest("jane\u200b@example.com"))
                .withMessageContaining("(U+200B at index 4)");
    }

    @Test
    void guestEmailsAreNormalisedToNfc() {
        assertThat(Identity.guest("Ame\u0301lie@Example.com")).isEqualTo(Identity.guest("amélie@example.com"));
    }

    @Test
    void aGuestEmailLongerThanADistinctIdMayBeIsRefused() {
        String email = "a".repeat(190) + "@example.com";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Identity.guest(email))
                .withMessageStartingWith("email must be at most 200 characters, was 202");
    }

    @Test
    void aPropertyClaimingABillionElementsIsRefusedQuickly() {
        List<Object> billion = Collections.nCopies(1_000, Collections.nCopies(1_000, Collections.nCopies(1_000, "x")));
        long start = System.nanoTime();

        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> Order.builder("ord_1", Money.of("1.00", "EUR")).property("sizes", billion))
                .withMessage(
                        "properties.sizes[0][9][988] has more than 10000 values in all (nested lists and maps included)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void placedAtMoreThan23HoursAheadIsRefused() {
        Order.Builder order = Order.builder("ord_1", Money.of("1.00", "EUR"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> order.placedAt(Instant.now().plus(Duration.ofHours(24))))
                .withMessageStartingWith("placedAt must be at most 23 hours ahead of now");
        assertThat(order.placedAt(Instant.now().plus(Duration.ofHours(22))).build())
                .isNotNull();
    }

    @Test
    void messagesNeverCarryALineBreakOrTheWholeValue() {
        String id = "line1\r\nline2" + "x".repeat(500);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Identity.customer(id))
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("\n", "\r")
                        .contains("\\u000d\\u000a")
                        .hasSizeLessThan(300));
    }

    @Test
    void propertyNumbersAreBoundedInDigits() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        Order.builder("ord_1", Money.of("1.00", "EUR")).property("big", new BigDecimal("1E+1000")))
                .withMessage("properties.big has more than 100 digits written out: 1E+1000");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> Order.builder("ord_1", Money.of("1.00", "EUR")).property("big", BigInteger.TEN.pow(200)))
                .withMessageStartingWith("properties.big has more than 100 digits written out");
    }

    @Test
    void onlyDateAndTimeValuesOfJavaTimeAreAccepted() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Order.builder("ord_1", Money.of("1.00", "EUR"))
                        .property("zone", java.time.ZoneId.of("Europe/Paris")))
                .withMessageContaining("was java.time.ZoneRegion");
    }
}
