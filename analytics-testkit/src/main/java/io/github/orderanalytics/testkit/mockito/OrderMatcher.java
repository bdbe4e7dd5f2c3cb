package io.github.orderanalytics.testkit.mockito;

import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Matches an {@link Order} by its id and whatever else you name; describes itself in those words, so a
 * failed {@code verify} shows "an order ord_1001 with total 49.99 EUR" next to the call it got.
 *
 * <pre>{@code
 * verify(analytics).orderPlaced(
 *         argThat(anOrder("ord_1001").withTotal("49.99", "EUR").withItem("prod_7", 2)),
 *         argThat(aCustomer("cus_42")));
 * }</pre>
 *
 * <p>Money is compared exactly, with its currency, as {@link Money} holds it: {@code "49.9"} and
 * {@code "49.90"} EUR are the same amount, USD is not EUR. Each method checks its argument at once and
 * returns a new matcher. Obtain one from {@link OrderMatchers#anOrder(String)}.
 *
 * @since 0.1.0
 */
public final class OrderMatcher extends ExpectationMatcher<Order, OrderMatcher> {
    private OrderMatcher(Expectations<Order> expected) {
        super(expected, OrderMatcher::new);
    }

    static OrderMatcher withId(String orderId) {
        Objects.requireNonNull(orderId, "orderId == null");
        return new OrderMatcher(
                Expectations.of("an order " + orderId, o -> o.orderId().equals(orderId)));
    }

    /** The order's total, for example {@code withTotal("49.99", "EUR")}. */
    public OrderMatcher withTotal(String amount, String currency) {
        return withTotal(Money.of(amount, currency));
    }

    public OrderMatcher withTotal(Money total) {
        Objects.requireNonNull(total, "total == null");
        return and("total " + total, o -> o.total().equals(total));
    }

    public OrderMatcher withTax(String amount, String currency) {
        Money tax = Money.of(amount, currency);
        return and("tax " + tax, o -> o.tax().equals(Optional.of(tax)));
    }

    public OrderMatcher withShipping(String amount, String currency) {
        Money shipping = Money.of(amount, currency);
        return and("shipping " + shipping, o -> o.shipping().equals(Optional.of(shipping)));
    }

    public OrderMatcher withDiscount(String amount, String currency) {
        Money discount = Money.of(amount, currency);
        return and("discount " + discount, o -> o.discount().equals(Optional.of(discount)));
    }

    public OrderMatcher withCoupon(String coupon) {
        Objects.requireNonNull(coupon, "coupon == null");
        return and("coupon " + coupon, o -> o.coupon().equals(Optional.of(coupon)));
    }

    /** A line item of this product in this quantity, among any others. */
    public OrderMatcher withItem(String productId, int quantity) {
        Objects.requireNonNull(productId, "productId == null");
        return and(Expectations.item(productId, quantity), o -> hasItem(o.items(), productId, quantity));
    }

    /** Exactly this many line items. */
    public OrderMatcher withItemCount(int count) {
        return and(count + (count == 1 ? " item" : " items"), o -> o.items().size() == count);
    }

    public OrderMatcher placedAt(Instant placedAt) {
        Objects.requireNonNull(placedAt, "placedAt == null");
        return and("placed at " + placedAt, o -> o.placedAt().equals(placedAt));
    }

    static boolean hasItem(List<LineItem> items, String productId, int quantity) {
        for (LineItem item : items) {
            if (item.productId().equals(productId) && item.quantity() == quantity) {
                return true;
            }
        }
        return false;
    }
}
