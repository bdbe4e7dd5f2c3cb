package io.github.orderanalytics.examples.checkout;

/** One line of the cart a customer checks out: which product, how many. Prices come from the database. */
public record CartLine(String sku, int quantity) {}
