package io.github.orderanalytics.examples.checkout;

import java.util.List;

/**
 * The body of {@code POST /orders}: a signed-in customer's id, or for a guest checkout the email.
 * (The example takes the customer id from the body for brevity; a real shop takes it from the session.)
 */
public record PlaceOrderRequest(String customerId, String email, List<CartLine> lines) {
    /** A customer's order. */
    public PlaceOrderRequest(String customerId, List<CartLine> lines) {
        this(customerId, null, lines);
    }
}
