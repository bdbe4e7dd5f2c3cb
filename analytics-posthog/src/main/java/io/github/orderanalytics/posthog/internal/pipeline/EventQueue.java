package io.github.orderanalytics.posthog.internal.pipeline;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The bounded queue between callers and the batcher: events and flush markers in the order they
 * came. Callers never wait here: an event either takes room in the {@link QueueBound} or is refused.
 */
final class EventQueue {
    /** What the queue holds: an event ({@link Pending}) or a {@link FlushMarker}. */
    sealed interface Item permits Pending, FlushMarker {}

    /**
     * A place in the queue that flushes wait behind: done once every event before it is settled.
     * Flushes that find no event offered since the last marker share it, so flushes that time out
     * leave nothing behind in the queue.
     */
    static final class FlushMarker implements Item {
        /** How many events had been offered just before this marker was. */
        final long offeredBefore;

        final CompletableFuture<Void> done = new CompletableFuture<>();

        FlushMarker(long offeredBefore) {
            this.offeredBefore = offeredBefore;
        }
    }

    private final ConcurrentLinkedQueue<Item> items = new ConcurrentLinkedQueue<>();
    /**
     * The head of the queue once {@link #writeAhead} has written it: still waiting, in order, taken
     * before {@link #items}. An array, not linked nodes, so a long outage adds no object per event
     * here; guarded by itself, as close() may take what is left while the batcher has not yet stopped.
     */
    private final ArrayDeque<Item> written = new ArrayDeque<>();

    private final QueueBound bound;
    /** Events offered so far; counted after each offer, which is what makes sharing markers safe. */
    private final LongAdder offered = new LongAdder();
    /** Events taken off the queue: by the batcher, and by close() for what is left. */
    private final AtomicLong taken = new AtomicLong();

    private final AtomicInteger markers = new AtomicInteger();
    private volatile @Nullable FlushMarker lastMarker;

    EventQueue(QueueBound bound) {
        this.bound = bound;
    }

    /** Queues {@code event} if there is room; false if the queue is full. */
    boolean offer(Pending event) {
        if (!bound.tryTake(event.size)) {
            return false;
        }
        items.offer(event);
        offered.increment();
        return true;
    }

    /**
     * A marker behind every event offered before this call. The last marker is reused when no event
     * was offered since it was made: any event offered after it is counted after its offer, so an
     * unchanged count proves that no event a caller could have seen accepted stands behind it.
     */
    FlushMarker flushMarker() {
        long offeredNow = offered.sum();
        FlushMarker last = lastMarker;
        if (last != null && last.offeredBefore == offeredNow) {
            return last;
        }
        FlushMarker marker = new FlushMarker(offeredNow);
        lastMarker = marker;
        markers.incrementAndGet();
        items.offer(marker);
        return marker;
    }

    /** The next event or marker, or null. Only the batcher takes, and close() once it has stopped. */
    Item poll() {
        Item item;
        synchronized (written) {
            item = written.poll();
        }
        if (item == null) {
            item = items.poll();
        }
        if (item instanceof FlushMarker) {
            markers.decrementAndGet();
        } else if (item != null) {
            taken.incrementAndGet();
        }
        return item;
    }

    /**
     * Writes up to {@code max} of the events that arrived since the last call with {@code writer}, so
     * they wait as bytes; they keep their place, and count as waiting until taken. Batcher only.
     */
    void writeAhead(WriteAhead writer, int max) {
        Item item;
        for (int i = 0; i < max && (item = items.poll()) != null; i++) {
            // In its place first, then written: close() may give up on this thread mid-write and take
            // what waits, and an event held by neither queue would be accepted and never settled.
            synchronized (written) {
                written.offer(item);
            }
            if (item instanceof Pending p) {
                writer.write(p);
            }
        }
    }

    boolean isEmpty() {
        synchronized (written) {
            if (!written.isEmpty()) {
                return false;
            }
        }
        return items.isEmpty();
    }

    boolean hasFlushMarker() {
        return markers.get() > 0;
    }

    /** Events and markers written ahead and still waiting, for tests. */
    int writtenAhead() {
        synchronized (written) {
            return written.size();
        }
    }

    /** Markers in the queue, for tests of the memory bound. */
    int markerCount() {
        return markers.get();
    }

    /**
     * Events in the queue that no batch holds yet: offered less taken, so a batch giving its room back
     * never makes the queue look emptier than it is. May be one low while an offer is under way; that
     * caller then sees its event counted.
     */
    int waiting() {
        return (int) (offered.sum() - taken.get());
    }

    /** Events held in memory: waiting, in a request, or waiting for a retry. */
    int held() {
        return bound.events();
    }
}
