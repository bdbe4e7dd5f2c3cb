package io.github.orderanalytics.examples.checkout;

/** A cart asks for more than is in stock; the order's transaction rolls back. */
public final class OutOfStockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutOfStockException(String sku) {
        super("not enough in stock: " + sku);
    }
}
