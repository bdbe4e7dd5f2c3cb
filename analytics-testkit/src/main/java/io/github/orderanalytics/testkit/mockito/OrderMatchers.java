package io.github.orderanalytics.testkit.mockito;

import io.github.orderanalytics.Identity;
import java.util.Objects;

/**
 * Mockito argument matchers for the calls on a mocked {@code OrderAnalytics}, in the words of orders
 * and identities; each describes itself, so a failed {@code verify} says what was expected beside what
 * was called.
 *
 * <pre>{@code
 * import static io.github.orderanalytics.testkit.mockito.OrderMatchers.*;
 * import static org.mockito.ArgumentMatchers.argThat;
 *
 * OrderAnalytics analytics = mock(OrderAnalytics.class);
 * new CheckoutService(analytics).placeOrder("ord_1001", "cus_42");
 * verify(analytics).orderPlaced(
 *         argThat(anOrder("ord_1001").withTotal("49.99", "EUR").withItem("prod_7", 2)),
 *         argThat(aCustomer("cus_42")));
 * }</pre>
 *
 * <p>A failed verification reads, without the source locations Mockito adds:
 *
 * <pre>
 * Argument(s) are different! Wanted:
 * orderAnalytics.orderPlaced(
 *     an order ord_1001 with total 49.99 EUR,
 *     a customer cus_42
 * );
 * Actual invocations have different arguments at position [0]:
 * orderAnalytics.orderPlaced(
 *     Order{ord_1001, total=59.99 EUR, placedAt=2026-12-03T10:15:30Z, items=1},
 *     customer(cus_42)
 * );
 * </pre>
 *
 * <p>Mockito is an optional dependency of the testkit: bring your own (5.x). To check the event
 * PostHog would receive for a captured call, see {@link io.github.orderanalytics.testkit.PostHogEvents}.
 *
 * @since 0.1.0
 */
public final class OrderMatchers {
    private OrderMatchers() {}

    /** An {@code Order} with this id; name more with its {@code with...} methods. */
    public static OrderMatcher anOrder(String orderId) {
        return OrderMatcher.withId(orderId);
    }

    /** A {@code Refund} of this order with this refund id. */
    public static RefundMatcher aRefund(String orderId, String refundId) {
        return RefundMatcher.withIds(orderId, refundId);
    }

    /** A {@code Cancellation} of this order. */
    public static CancellationMatcher aCancellation(String orderId) {
        return CancellationMatcher.of(orderId);
    }

    /** A signed-in customer's identity, {@link Identity#customer(String)}. */
    public static IdentityMatcher aCustomer(String customerId) {
        return IdentityMatcher.of(Identity.customer(customerId));
    }

    /** A guest's identity by email, {@link Identity#guest(String)}. */
    public static IdentityMatcher aGuest(String email) {
        return IdentityMatcher.of(Identity.guest(email));
    }

    /** An anonymous visitor's identity, {@link Identity#anonymous(String)}. */
    public static IdentityMatcher anAnonymousVisitor(String anonymousId) {
        return IdentityMatcher.of(Identity.anonymous(anonymousId));
    }

    /** An identity of this kind and id. */
    public static IdentityMatcher anIdentity(Identity.Kind kind, String id) {
        return switch (Objects.requireNonNull(kind, "kind == null")) {
            case CUSTOMER -> aCustomer(id);
            case GUEST -> aGuest(id);
            case ANONYMOUS -> anAnonymousVisitor(id);
        };
    }
}
