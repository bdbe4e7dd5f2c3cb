package io.github.orderanalytics.outbox;

/**
 * What one relay did since it was built, from memory: readable at any time, whatever the database.
 *
 * @param delivered rows PostHog acknowledged, deleted
 * @param rescheduled deliveries put off after a failure
 * @param dead rows PostHog refused for good, marked dead
 * @since 0.1.0
 */
public record RelayTotals(long delivered, long rescheduled, long dead) {}
