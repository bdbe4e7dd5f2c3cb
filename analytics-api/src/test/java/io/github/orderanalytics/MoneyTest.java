package io.github.orderanalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({
        "49.9, EUR, 49.90",
        "49.99, EUR, 49.99",
        "1200, JPY, 1200",
        "1200.00, JPY, 1200",
        "0, EUR, 0.00",
        "1.5, KWD, 1.500",
        " 7.10 , USD, 7.10"
    })
    void keepsTheAmountAtTheCurrencysScale(String amount, String currency, String expected) {
        Money money = Money.of(amount, currency);

        assertThat(money.amount().toPlainString()).isEqualTo(expected);
        assertThat(money.currencyCode()).isEqualTo(currency);
    }

    @Test
    void equalAmountsAreEqualWhateverTheirWrittenScale() {
        assertThat(Money.of("49.9", "EUR")).isEqualTo(Money.of(new BigDecimal("49.900"), "EUR"));
        assertThat(Money.of("49.90", "EUR").toString()).isEqualTo("49.90 EUR");
    }

    @ParameterizedTest
    @CsvSource({
        "49.999, EUR, 'amount 49.999 has more decimals than EUR allows (2)'",
        "10.5, JPY, 'amount 10.5 has more decimals than JPY allows (0)'",
        "-0.01, EUR, 'amount must not be negative: -0.01 EUR'",
        "abc, EUR, 'amount is not a decimal number: ''abc'''",
        "1, eur, 'currency must be an upper-case ISO-4217 code such as EUR: ''eur'''",
        "1, EURO, 'currency must be an upper-case ISO-4217 code such as EUR: ''EURO'''",
        "1, ABC, 'currency is not a known ISO-4217 code: ''ABC'''",
        "1, XAU, 'currency has no minor unit, so it cannot price an order: XAU'",
        "1000000000000000, EUR, 'amount has more than 15 digits before the point: 1000000000000000 EUR'"
    })
    void rejectsBadAmountsNamingTheFieldAndValue(String amount, String currency, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.of(amount, currency))
                .withMessage(message);
    }

    @Test
    void nullsAreNamed() {
        assertThatNullPointerException()
                .isThrownBy(() -> Money.of((String) null, "EUR"))
                .withMessage("amount == null");
        assertThatNullPointerException().isThrownBy(() -> Money.of("1", null)).withMessage("currency == null");
        assertThatNullPointerException()
                .isThrownBy(() -> Money.of((BigDecimal) null, "EUR"))
                .withMessage("amount == null");
    }
}
