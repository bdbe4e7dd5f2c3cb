package io.github.orderanalytics.posthog.reconcile;

import org.jspecify.annotations.Nullable;

/**
 * PostHog's query API refused or failed a check's query: a wrong personal key, a missing scope, another
 * project, a query it would not run, or rate limits that outlasted the budget. The message says which
 * setting to fix, and never holds the key. A check that throws has judged nothing and sent nothing.
 *
 * @since 0.1.0
 */
public final class PostHogQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    PostHogQueryException(String message, int status, @Nullable Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status PostHog answered, or 0 when it could not be reached. */
    public int status() {
        return status;
    }
}
