package io.github.orderanalytics.quarkus.internal;

import org.jspecify.annotations.Nullable;

/**
 * The headers of the HTTP request the current thread serves. A bean only where the application serves
 * HTTP (quarkus-vertx-http), so the runtime needs no HTTP classes without it.
 */
public interface RequestHeaders {
    /** Whether a request is being served here at all. */
    boolean present();

    /** The header's first value, by a case-insensitive name; null when absent. */
    @Nullable
    String header(String name);
}
