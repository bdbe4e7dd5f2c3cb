package io.github.orderanalytics.posthog.internal.pipeline;

import java.util.List;

/**
 * What sending a request of events takes, and the reading of PostHog's answer: shared by the client's
 * batches ({@link BatchDelivery}) and a relay's sends ({@link SendNow}), so both judge an answer and
 * keep the books alike, and differ only in what they do next.
 */
record Sending(BatchEncoder encoder, BatchSender sender, RetryPolicy policy, Ledger ledger, TimeSource clock) {

    /** Sends {@code request} once, stamped with the time now. */
    SendResult send(List<Pending> request, boolean backfill) throws InterruptedException {
        return sender.send(encoder.body(request, clock.now(), backfill), encoder.gzip());
    }

    /** What to do after {@code result}; the ledger notes the delivery's time, or the error as the last one. */
    RetryPolicy.Decision decide(SendResult result, int retries) {
        RetryPolicy.Decision decision = policy.decide(result, retries, clock.now());
        if (decision.action() == RetryPolicy.Action.DELIVERED) {
            ledger.deliveredAt(clock.now());
        } else {
            ledger.lastError(result.describe(), clock.now());
        }
        return decision;
    }
}
