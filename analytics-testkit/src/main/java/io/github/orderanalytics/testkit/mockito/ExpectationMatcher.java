package io.github.orderanalytics.testkit.mockito;

import java.util.function.Function;
import java.util.function.Predicate;
import org.mockito.ArgumentMatcher;

/**
 * What the four matchers share: their {@link Expectations}, how they match and how Mockito shows them.
 * Each public matcher adds the checks its value type has.
 */
abstract class ExpectationMatcher<T, M extends ExpectationMatcher<T, M>> implements ArgumentMatcher<T> {
    private final Expectations<T> expected;
    private final Function<Expectations<T>, M> sameKind;

    /** @param sameKind makes a matcher of the subclass's kind: its constructor */
    ExpectationMatcher(Expectations<T> expected, Function<Expectations<T>, M> sameKind) {
        this.expected = expected;
        this.sameKind = sameKind;
    }

    /** A new matcher of the same kind, expecting one thing more. */
    final M and(String description, Predicate<T> check) {
        return sameKind.apply(expected.and(description, check));
    }

    @Override
    public final boolean matches(T value) {
        return expected.matches(value);
    }

    /** What this matcher expects, in the words Mockito shows under "Wanted". */
    @Override
    public final String toString() {
        return expected.toString();
    }
}
