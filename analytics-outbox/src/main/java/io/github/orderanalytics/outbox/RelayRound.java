package io.github.orderanalytics.outbox;

/**
 * What one {@link OutboxRelay#relayOnce()} did.
 *
 * @param claimed rows this relay took
 * @param delivered rows PostHog acknowledged, now deleted
 * @param rescheduled rows to be sent again after a backoff
 * @param dead rows PostHog refused for good, now marked with the reason
 * @since 0.1.0
 */
public record RelayRound(int claimed, int delivered, int rescheduled, int dead) {
    static final RelayRound NONE = new RelayRound(0, 0, 0, 0);
}
