package io.github.orderanalytics.posthog.internal;

import java.util.concurrent.CompletableFuture;

/**
 * A place in the queue that flushes wait behind: done once every event before it is settled.
 * Flushes that find no event offered since the last marker share it, so flushes that time out
 * leave nothing behind in the queue.
 */
final class FlushMarker {
    /** How many events had been offered just before this marker was. */
    final long offeredBefore;

    final CompletableFuture<Void> done = new CompletableFuture<>();

    FlushMarker(long offeredBefore) {
        this.offeredBefore = offeredBefore;
    }
}
