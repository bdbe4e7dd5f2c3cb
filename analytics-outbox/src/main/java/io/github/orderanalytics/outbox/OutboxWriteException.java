package io.github.orderanalytics.outbox;

/**
 * The event row could not be written. Thrown from {@code orderPlaced} on purpose: the caller's
 * transaction must then fail, rather than commit an order without its event. A
 * {@link CurrentTransaction} throws it too when the caller's transaction cannot take the row (it
 * runs on another database, say).
 *
 * @since 0.1.0
 */
public final class OutboxWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutboxWriteException(String message) {
        super(message);
    }

    public OutboxWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
