package io.github.orderanalytics.posthog.internal.pipeline;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.DeliveryListener;
import io.github.orderanalytics.posthog.DeliveryStats;
import io.github.orderanalytics.posthog.DropReason;
import io.github.orderanalytics.posthog.EncodedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Stands in for the capture client where nothing can be sent: no thread, no network, every event
 * counted as dropped for one reason ({@code DISABLED} without an API key, {@code CLOSED} when
 * created during JVM shutdown).
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class DisabledPipeline implements Pipeline {
    private final Ledger ledger;
    private final DropReason reason;
    private final String why;

    /**
     * @param listener told of each dropped event; may be null
     * @param reason what every event is dropped as
     * @param why the drop warning's explanation, for reasons that warn
     */
    public DisabledPipeline(DeliveryListener listener, DropReason reason, String why) {
        this.ledger = new Ledger(listener, null, () -> false);
        this.reason = Objects.requireNonNull(reason, "reason == null");
        this.why = why;
    }

    @Override
    public void accept(OrderEvent event, Identity identity) {
        ledger.accepted(event.kind());
        ledger.dropAtCall(event, identity, reason, why);
    }

    @Override
    public boolean flush(Duration timeout) {
        return true;
    }

    @Override
    public void close() {}

    /** Nothing can be sent: every event waits for a client that can. */
    @Override
    public List<EncodedEvent.Outcome> sendNow(List<EncodedEvent> events, boolean backfill) {
        return Pipeline.allRetry(
                events, reason == DropReason.DISABLED ? "no PostHog API key is configured" : "the client is closed");
    }

    @Override
    public DeliveryStats stats() {
        return ledger.snapshot(0);
    }
}
