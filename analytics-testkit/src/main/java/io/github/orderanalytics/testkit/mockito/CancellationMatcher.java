package io.github.orderanalytics.testkit.mockito;

import io.github.orderanalytics.Cancellation;
import java.util.Objects;
import java.util.Optional;

/**
 * Matches a {@link Cancellation} by its order id, and its reason if you name one.
 *
 * <pre>{@code
 * verify(analytics).orderCancelled(argThat(aCancellation("ord_1001").withReason("fraud")), any());
 * }</pre>
 *
 * <p>Obtain one from {@link OrderMatchers#aCancellation(String)}.
 *
 * @since 0.1.0
 */
public final class CancellationMatcher extends ExpectationMatcher<Cancellation, CancellationMatcher> {
    private CancellationMatcher(Expectations<Cancellation> expected) {
        super(expected, CancellationMatcher::new);
    }

    static CancellationMatcher of(String orderId) {
        Objects.requireNonNull(orderId, "orderId == null");
        return new CancellationMatcher(Expectations.of(
                "a cancellation of order " + orderId, c -> c.orderId().equals(orderId)));
    }

    public CancellationMatcher withReason(String reason) {
        Objects.requireNonNull(reason, "reason == null");
        return and("reason " + reason, c -> c.reason().equals(Optional.of(reason)));
    }
}
