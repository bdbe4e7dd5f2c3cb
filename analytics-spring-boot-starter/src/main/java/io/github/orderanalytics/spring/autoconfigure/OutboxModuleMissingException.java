package io.github.orderanalytics.spring.autoconfigure;

/**
 * {@code order-analytics.outbox.enabled=true} without analytics-outbox on the class path: the start
 * fails rather than report orders without the outbox the application asked for.
 * {@link OutboxModuleMissingFailureAnalyzer} tells what to add.
 */
final class OutboxModuleMissingException extends IllegalStateException {
    static final String ARTIFACT = "io.github.orderanalytics:analytics-outbox";

    OutboxModuleMissingException() {
        super("order-analytics.outbox.enabled=true needs " + ARTIFACT + " on the class path (version from the BOM)");
    }
}
