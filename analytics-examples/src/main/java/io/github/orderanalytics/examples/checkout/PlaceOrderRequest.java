package io.github.orderanalytics.examples.checkout;

import java.util.List;

/** The body of {@code POST /orders}. */
public record PlaceOrderRequest(String customerId, List<CartLine> lines) {}
