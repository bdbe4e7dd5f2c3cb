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
import java.util.Optional;

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

    private DisabledPipeline(Optional<DeliveryListener> listener, DropReason reason, String why) {
        // Holds nothing: no event is ever queued here.
        this.ledger = new Ledger(listener, new QueueBound(0, 0), () -> false);
        this.reason = reason;
        this.why = why;
    }

    /** Without an API key: every event is dropped as {@code DISABLED}, said once when the client is made. */
    public static DisabledPipeline withoutApiKey(Optional<DeliveryListener> listener) {
        return new DisabledPipeline(listener, DropReason.DISABLED, "no PostHog API key is configured");
    }

    /** Made while the JVM shuts down: every event is dropped as {@code CLOSED}, warning why. */
    public static DisabledPipeline closed(Optional<DeliveryListener> listener, String why) {
        return new DisabledPipeline(listener, DropReason.CLOSED, Objects.requireNonNull(why, "why == null"));
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
        return Pipeline.allRetry(events, why);
    }

    @Override
    public DeliveryStats stats() {
        return ledger.snapshot(0);
    }
}
