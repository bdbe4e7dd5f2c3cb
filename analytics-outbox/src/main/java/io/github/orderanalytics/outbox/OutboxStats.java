package io.github.orderanalytics.outbox;

import java.time.Duration;
import java.util.Optional;

/**
 * The outbox table as a relay sees it, and what that relay did since it started.
 *
 * @param pending rows waiting to be delivered (all relays')
 * @param oldestPendingAge how long the oldest of them has waited; empty when none waits
 * @param dead rows PostHog refused for good, kept with their reason
 * @param delivered rows this relay delivered and deleted
 * @param rescheduled deliveries this relay put off after a failure
 * @param markedDead rows this relay marked dead
 * @since 0.1.0
 */
public record OutboxStats(
        long pending,
        Optional<Duration> oldestPendingAge,
        long dead,
        long delivered,
        long rescheduled,
        long markedDead) {}
