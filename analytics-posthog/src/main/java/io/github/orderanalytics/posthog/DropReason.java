package io.github.orderanalytics.posthog;

/**
 * Why an event was not delivered. Each dropped event is counted under exactly one reason.
 *
 * @since 0.1.0
 */
public enum DropReason {
    /** The in-memory queue held {@code maxQueueSize} events already. */
    QUEUE_FULL,
    /** PostHog could not be reached, or kept answering with a retryable error, for the whole retry budget. */
    RETRIES_EXHAUSTED,
    /**
     * The event itself cannot be taken: PostHog refused it (400, or 413 for it alone, another 4xx but 401 and
     * 403, a redirect), or it could not be encoded.
     */
    REJECTED,
    /**
     * PostHog refused the API key (401 or 403): nothing is wrong with the event, but this client cannot send
     * it. Check {@code POSTHOG_API_KEY} and that {@code POSTHOG_HOST} is the project's region.
     *
     * @since 0.1.0
     */
    API_KEY_REFUSED,
    /** An order event was reported after {@code close()}. */
    CLOSED,
    /** Still undelivered when {@code close()}'s {@code shutdownTimeout} ran out. */
    SHUTDOWN_TIMEOUT,
    /** The client is disabled because no API key was configured. */
    DISABLED
}
