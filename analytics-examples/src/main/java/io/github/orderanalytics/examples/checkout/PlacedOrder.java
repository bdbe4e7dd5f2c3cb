package io.github.orderanalytics.examples.checkout;

import java.math.BigDecimal;

/** The answer to {@code POST /orders}. */
public record PlacedOrder(String orderId, BigDecimal total, String currency) {}
