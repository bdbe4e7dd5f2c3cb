package io.github.orderanalytics;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money in major units of an ISO-4217 currency.
 *
 * <pre>{@code
 * Money total = Money.of("49.99", "EUR");
 * Money yen = Money.of("1200", "JPY");
 * }</pre>
 *
 * <p>The amount is kept at the currency's scale ({@code 49.9 EUR} becomes {@code 49.90}); an
 * amount with more decimals than the currency has ({@code 49.999 EUR}, {@code 10.5 JPY}), a
 * negative amount, or an unknown currency code is rejected when the value is built.
 * There is no {@code double} anywhere on this path.
 *
 * @param amount non-negative, at the currency's scale
 * @param currency an ISO-4217 currency with minor units (not a fund or metal code such as XAU)
 * @since 0.1.0
 */
public record Money(BigDecimal amount, Currency currency) {
    /** Most digits before the decimal point: far beyond any real order, short of a unit mistake. */
    public static final int MAX_INTEGER_DIGITS = 15;

    /** Most significant digits in an amount: far more than money needs, few enough to check cheaply. */
    static final int MAX_DIGITS = 40;

    /** Validates and brings the amount to the currency's scale. */
    public Money {
        Objects.requireNonNull(amount, "amount == null");
        Objects.requireNonNull(currency, "currency == null");
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException(
                    "currency has no minor unit, so it cannot price an order: " + currency.getCurrencyCode());
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException(
                    "amount must not be negative: " + Text.amount(amount) + " " + currency.getCurrencyCode());
        }
        // Bounds first, each in constant time: every later step then works on a few dozen digits at most.
        if (amount.precision() > MAX_DIGITS) {
            throw new IllegalArgumentException("amount has more than " + MAX_DIGITS + " significant digits: "
                    + Text.amount(amount) + " " + currency.getCurrencyCode());
        }
        if ((long) amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("amount has more than " + MAX_INTEGER_DIGITS
                    + " digits before the point: " + Text.amount(amount) + " " + currency.getCurrencyCode());
        }
        // Only an amount written with more decimals than the currency has needs the (allocating) strip.
        BigDecimal exact = amount;
        if (amount.scale() > digits) {
            exact = amount.stripTrailingZeros();
            if (exact.scale() > digits) {
                throw new IllegalArgumentException("amount " + Text.amount(amount) + " has more decimals than "
                        + currency.getCurrencyCode() + " allows (" + digits + ")");
            }
        }
        amount = exact.setScale(digits);
    }

    /** Longest amount text {@link #of(String, String)} parses: parsing is not linear in the length. */
    private static final int MAX_AMOUNT_TEXT = 100;

    /** Parses {@code amount} (for example {@code "49.99"}) in the currency {@code currencyCode}. */
    public static Money of(String amount, String currencyCode) {
        Objects.requireNonNull(amount, "amount == null");
        String text = amount.trim();
        if (text.length() > MAX_AMOUNT_TEXT) {
            throw new IllegalArgumentException("amount is not a decimal number of at most " + MAX_AMOUNT_TEXT
                    + " characters: " + Text.quote(amount));
        }
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount is not a decimal number: " + Text.quote(amount), e);
        }
        return new Money(parsed, currency(currencyCode));
    }

    /** {@code amount} in the currency {@code currencyCode}, for example {@code Money.of(price, "EUR")}. */
    public static Money of(BigDecimal amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    /** The ISO-4217 code, for example {@code "EUR"}. */
    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    private static Currency currency(String code) {
        Objects.requireNonNull(code, "currency == null");
        if (code.length() != 3
                || !isUpperAscii(code.charAt(0))
                || !isUpperAscii(code.charAt(1))
                || !isUpperAscii(code.charAt(2))) {
            throw new IllegalArgumentException(
                    "currency must be an upper-case ISO-4217 code such as EUR: " + Text.quote(code));
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency is not a known ISO-4217 code: " + Text.quote(code), e);
        }
    }

    private static boolean isUpperAscii(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** For example {@code 49.99 EUR}. */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
