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
    /** PostHog refused the event (400, 413 for a single event, 401/403 for a bad API key, other 4xx). */
    REJECTED,
    /** An order event was reported after {@code close()}. */
    CLOSED,
    /** Still undelivered when {@code close()}'s {@code shutdownTimeout} ran out. */
    SHUTDOWN_TIMEOUT,
    /** The client is disabled because no API key was configured. */
    DISABLED
}
