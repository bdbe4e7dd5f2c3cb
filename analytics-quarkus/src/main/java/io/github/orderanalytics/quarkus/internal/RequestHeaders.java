package io.github.orderanalytics.quarkus.internal;

import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The headers of the HTTP request the current thread serves. A bean only where the application serves
 * HTTP (quarkus-vertx-http), so the runtime needs no HTTP classes without it.
 */
public interface RequestHeaders {
    /** The current request's header lookup (case-insensitive, null when absent); empty outside a request. */
    Optional<Function<String, @Nullable String>> ofCurrentRequest();
}
