package io.github.orderanalytics.testkit.mockito;

import io.github.orderanalytics.Money;
import io.github.orderanalytics.Refund;
import java.util.Objects;
import java.util.Optional;

/**
 * Matches a {@link Refund} by its order and refund ids and whatever else you name.
 *
 * <pre>{@code
 * verify(analytics).orderRefunded(
 *         argThat(aRefund("ord_1001", "re_77").withTotal("20.00", "EUR")), argThat(aCustomer("cus_42")));
 * }</pre>
 *
 * <p>The total is the amount given back, positive, as the refund was built (PostHog's revenue for it is
 * negative). Obtain one from {@link OrderMatchers#aRefund(String, String)}.
 *
 * @since 0.1.0
 */
public final class RefundMatcher extends ExpectationMatcher<Refund, RefundMatcher> {
    private RefundMatcher(Expectations<Refund> expected) {
        super(expected, RefundMatcher::new);
    }

    static RefundMatcher withIds(String orderId, String refundId) {
        Objects.requireNonNull(orderId, "orderId == null");
        Objects.requireNonNull(refundId, "refundId == null");
        return new RefundMatcher(Expectations.of(
                "a refund " + refundId + " of order " + orderId,
                r -> r.orderId().equals(orderId) && r.refundId().equals(refundId)));
    }

    /** The amount given back, for example {@code withTotal("20.00", "EUR")}. */
    public RefundMatcher withTotal(String amount, String currency) {
        Money total = Money.of(amount, currency);
        return and("total " + total, r -> r.total().equals(total));
    }

    public RefundMatcher withReason(String reason) {
        Objects.requireNonNull(reason, "reason == null");
        return and("reason " + reason, r -> r.reason().equals(Optional.of(reason)));
    }

    /** A returned line item of this product in this quantity, among any others. */
    public RefundMatcher withItem(String productId, int quantity) {
        Objects.requireNonNull(productId, "productId == null");
        return and(Expectations.item(productId, quantity), r -> OrderMatcher.hasItem(r.items(), productId, quantity));
    }
}
