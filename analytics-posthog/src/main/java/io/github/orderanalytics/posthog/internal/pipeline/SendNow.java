package io.github.orderanalytics.posthog.internal.pipeline;

import io.github.orderanalytics.posthog.EncodedEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events written earlier on the caller's thread, each request once: for a relay whose
 * database is the queue and which reschedules failures itself. A 400 or 413 is halved until the
 * events PostHog refuses stand alone, so one bad event never holds back the others; every other
 * failure (network, 5xx, 429, a refused key, a redirect) is worth another try later, as it says
 * nothing about the events themselves.
 */
final class SendNow {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");

    private final Sending sending;
    /**
     * Whether the refused key was said: once a streak of refusals, as a relay asks again every round and
     * would otherwise fill the log; a delivery ends the streak, so a key revoked later is said again.
     */
    private final AtomicBoolean refusedKeySaid = new AtomicBoolean();

    SendNow(Sending sending) {
        this.sending = sending;
    }

    /** One outcome per event, in the order given. */
    List<EncodedEvent.Outcome> send(List<EncodedEvent> events, boolean backfill) throws InterruptedException {
        List<Pending> pending = new ArrayList<>(events.size());
        for (EncodedEvent e : events) {
            pending.add(new Pending(e.uuid(), e.timestamp(), e.json().getBytes(StandardCharsets.UTF_8)));
        }
        EncodedEvent.Outcome[] outcomes = new EncodedEvent.Outcome[events.size()];
        int from = 0;
        while (from < pending.size()) {
            int end = BatchEncoder.requestEnd(pending, from);
            send(events, pending, from, end, outcomes, backfill);
            from = end;
        }
        return List.of(outcomes);
    }

    private void send(
            List<EncodedEvent> events,
            List<Pending> pending,
            int from,
            int end,
            EncodedEvent.Outcome[] outcomes,
            boolean backfill)
            throws InterruptedException {
        SendResult result = sending.send(pending.subList(from, end), backfill);
        // The client's own reading of an answer; only what follows differs: no retry here.
        RetryPolicy.Action action = sending.decide(result, 0).action();
        if (action == RetryPolicy.Action.DELIVERED) {
            refusedKeySaid.set(false);
            for (int i = from; i < end; i++) {
                outcomes[i] =
                        new EncodedEvent.Outcome(events.get(i), EncodedEvent.Result.DELIVERED, "", Optional.empty());
            }
            return;
        }
        if (action == RetryPolicy.Action.SPLIT) {
            if (end - from == 1) {
                outcomes[from] = new EncodedEvent.Outcome(
                        events.get(from), EncodedEvent.Result.REJECTED, result.describe(), Optional.empty());
                return;
            }
            int half = from + (end - from) / 2;
            send(events, pending, from, half, outcomes, backfill);
            send(events, pending, half, end, outcomes, backfill);
            return;
        }
        if (action == RetryPolicy.Action.KEY_REFUSED) {
            if (refusedKeySaid.compareAndSet(false, true)) {
                // The rows wait in the caller's table until the key is fixed: nothing is lost, but nothing
                // arrives either, and without this line nobody would know why.
                log.error(
                        "PostHog refused the API key ({}): check POSTHOG_API_KEY (a project key, phc_...) and that"
                                + " POSTHOG_HOST is the project's region. The events wait to be sent again; said once"
                                + " until a request succeeds.",
                        result.describe());
            }
            for (int i = from; i < end; i++) {
                outcomes[i] = new EncodedEvent.Outcome(
                        events.get(i), EncodedEvent.Result.API_KEY_REFUSED, result.describe(), Optional.empty());
            }
            return;
        }
        var retryAfter =
                RetryPolicy.retryAfter(result.retryAfter(), sending.clock().now());
        for (int i = from; i < end; i++) {
            outcomes[i] =
                    new EncodedEvent.Outcome(events.get(i), EncodedEvent.Result.RETRY, result.describe(), retryAfter);
        }
    }
}
