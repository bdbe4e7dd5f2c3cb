package io.github.orderanalytics.testkit.mockito;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a matcher expects of a value, check by check, and how it says so: "an order ord_1 with total
 * 49.99 EUR, item prod_7 x 2". Immutable: each {@link #and} makes a new one.
 */
final class Expectations<T> {
    private final String subject;
    private final List<String> descriptions;
    private final List<Predicate<T>> checks;

    private Expectations(String subject, List<String> descriptions, List<Predicate<T>> checks) {
        this.subject = subject;
        this.descriptions = descriptions;
        this.checks = checks;
    }

    /** A value that is {@code subject}, checked by {@code check}. */
    static <T> Expectations<T> of(String subject, Predicate<T> check) {
        return new Expectations<>(subject, List.of(), List.of(check));
    }

    /** These expectations and one more. */
    Expectations<T> and(String description, Predicate<T> check) {
        List<String> d = new ArrayList<>(descriptions);
        d.add(description);
        List<Predicate<T>> c = new ArrayList<>(checks);
        c.add(check);
        return new Expectations<>(subject, List.copyOf(d), List.copyOf(c));
    }

    /** Whether {@code value} passes every check; never for null. */
    boolean matches(T value) {
        if (value == null) {
            return false;
        }
        for (Predicate<T> check : checks) {
            if (!check.test(value)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return descriptions.isEmpty() ? subject : subject + " with " + String.join(", ", descriptions);
    }

    /** A line item as "item prod_7 x 2", for descriptions. */
    static String item(String productId, int quantity) {
        return "item " + productId + " x " + quantity;
    }
}
