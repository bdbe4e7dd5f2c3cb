package io.github.orderanalytics.posthog.internal.pipeline;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;

/** One accepted event on its way to PostHog. It is settled exactly once: delivered or dropped. */
final class Pending implements EventQueue.Item {
    private static final AtomicIntegerFieldUpdater<Pending> SETTLED =
            AtomicIntegerFieldUpdater.newUpdater(Pending.class, "settled");

    /** Room for the identity and the library's own properties, beyond the order's own bound. */
    private static final int ENVELOPE_BYTES = 512;
    /** The frame of a {@code $identify} event and the {@code guest_id} and browser property names. */
    private static final int BROWSER_BYTES = 1024;

    /**
     * The order event and identity to write; both null for an event given already written, and let go
     * of by the batcher once it has written a waiting event and no listener needs them (see
     * {@link WriteAhead}), so a long queue holds bytes rather than every order's objects.
     */
    @Nullable
    OrderEvent event;

    @Nullable
    Identity identity;
    /** What the event is, for the counts by kind; null only for an event given already written. */
    final OrderEvent.@Nullable Kind kind;
    /** When the order event happened: decides whether a request may be marked historical. */
    final Instant timestamp;
    /** An upper bound of the event's JSON size: what it counts against maxQueueBytes and a request's size. */
    final long size;
    /**
     * Set by the thread that writes it (a sender, or the batcher while it waits): its uuid, as two
     * longs rather than one more object per waiting event, and where its JSON lies in a buffer; a
     * written event is never written again.
     */
    private long uuidHigh;

    private long uuidLow;
    /** Written after the two halves: whoever sees it set sees them whole (close() reads from its thread). */
    private volatile boolean hasUuid;

    byte @Nullable [] buffer;
    int start;
    int end;
    private volatile int settled;

    Pending(OrderEvent event, Identity identity) {
        this.event = event;
        this.identity = identity;
        this.kind = event.kind();
        // Identity text is at most 6 bytes a character as JSON (an escaped control character); a browser's
        // ids may be written twice (in the order and in a $identify beside it), with a guest id besides.
        // Plain Optional reads, which the JIT keeps off the heap: this runs on the caller's thread.
        BrowserContext browser = identity.browser().orElse(null);
        long browserBytes = browser == null
                ? 0
                : BROWSER_BYTES
                        + 12L
                                * (length(browser.distinctId())
                                        + length(browser.sessionId())
                                        + length(browser.windowId()));
        this.size =
                event.encodedSizeBound() + ENVELOPE_BYTES + 12L * identity.id().length() + browserBytes;
        this.timestamp = event.occurredAt();
    }

    private static int length(Optional<String> text) {
        return text.isPresent() ? text.get().length() : 0;
    }

    /** An event written elsewhere earlier (an outbox row, say): its bytes are its slice. */
    Pending(UUID uuid, Instant timestamp, byte[] json) {
        this.event = null;
        this.identity = null;
        this.kind = null;
        this.timestamp = timestamp;
        uuid(uuid);
        this.buffer = json;
        this.start = 0;
        this.end = json.length;
        this.size = json.length;
    }

    void uuid(UUID uuid) {
        uuidHigh = uuid.getMostSignificantBits();
        uuidLow = uuid.getLeastSignificantBits();
        hasUuid = true;
    }

    /** Its uuid once written, else null. */
    @Nullable
    UUID uuid() {
        return hasUuid ? new UUID(uuidHigh, uuidLow) : null;
    }

    boolean isWritten() {
        return buffer != null;
    }

    /** True for the one caller that settles this event; false if it was settled already. */
    boolean settle() {
        return SETTLED.compareAndSet(this, 0, 1);
    }

    boolean isSettled() {
        return settled != 0;
    }

    int length() {
        return end - start;
    }
}
