package io.github.orderanalytics.posthog.internal.pipeline;

import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What one request came to: an HTTP status (0 when no answer came, with the failure), the headers
 * retrying needs, and the start of the body, fetched only if someone asks.
 */
record SendResult(
        int status,
        Optional<String> retryAfter,
        Optional<String> location,
        Supplier<String> body,
        @Nullable Throwable failure) {

    public static SendResult answered(int status) {
        return new SendResult(status, Optional.empty(), Optional.empty(), () -> "", null);
    }

    public static SendResult failed(Throwable failure) {
        return new SendResult(0, Optional.empty(), Optional.empty(), () -> "", failure);
    }

    public SendResult withRetryAfter(String value) {
        return new SendResult(status, Optional.of(value), location, body, failure);
    }

    /** For logs and {@code DeliveryStats.lastError()}: never holds the body or the request. */
    public String describe() {
        if (failure != null) {
            return failure.getClass().getSimpleName()
                    + (failure.getMessage() != null ? ": " + failure.getMessage() : "");
        }
        return "HTTP " + status;
    }
}
