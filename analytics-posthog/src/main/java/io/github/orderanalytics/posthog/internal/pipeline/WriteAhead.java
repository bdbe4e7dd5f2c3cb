package io.github.orderanalytics.posthog.internal.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.internal.wire.EventJson;
import io.github.orderanalytics.posthog.internal.wire.OrderEventWriter;
import java.io.IOException;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Writes events that wait for a sender into shared chunks of bytes and lets go of their orders, on
 * the batcher's thread. While PostHog is slow or down, tens of thousands of events can wait; as
 * objects each is some 30 of them (the order, its money and line items, the identity), which young
 * collections copy while callers wait, and written it is its {@link Pending} and a slice of a chunk.
 * Only used when no {@code DeliveryListener} is configured, as a listener is handed each event's
 * order.
 */
final class WriteAhead {
    /** The first chunk after the queue was empty: a short wait for a sender costs little. */
    static final int FIRST_CHUNK_BYTES = 16 * 1024;
    /** Chunks grow fourfold up to this: the size while PostHog answers, however busy. */
    static final int GROWN_CHUNK_BYTES = 256 * 1024;
    /**
     * The chunk while deliveries fail, when events may wait for minutes: 4 MiB less room for an
     * array's header. G1, the default collector, allocates an array of half a region or more outside
     * the young generation, where no young collection copies it; with regions of 1 to 4 MiB (heaps up
     * to 8 GiB) this one fills whole regions. On larger heaps it is an ordinary array, copied whole.
     * Not while PostHog merely is busy: there such arrays cost throughput (about 15 % in the benchmark),
     * as G1 reclaims them later than young ones.
     */
    static final int OUTAGE_CHUNK_BYTES = 4 * 1024 * 1024 - 32;

    private final OrderEventWriter writer;
    /** True while requests fail: PostHog down, or refusing. */
    private final BooleanSupplier failing;

    private final SliceBuffer scratch = new SliceBuffer(4 * 1024);
    private @Nullable JsonGenerator generator;
    private byte[] chunk = new byte[0];
    private int used;
    private int nextChunkBytes = FIRST_CHUNK_BYTES;
    /** Runs before each event is written; tests hold the batcher here to race close() against a write. */
    volatile Runnable beforeWrite = () -> {};

    WriteAhead(OrderEventWriter writer, BooleanSupplier failing) {
        this.writer = writer;
        this.failing = failing;
    }

    /**
     * Writes {@code p} into the current chunk and drops its order and identity. An event that cannot
     * be written is left as it was: its sender tries again, and reports it as it does any other.
     */
    void write(Pending p) {
        OrderEvent event = p.event;
        Identity identity = p.identity;
        if (event == null || identity == null || p.isWritten() || p.isSettled()) {
            return;
        }
        beforeWrite.run();
        scratch.reset();
        UUID uuid;
        try {
            JsonGenerator g = generator;
            if (g == null) {
                g = EventJson.generator(scratch);
                generator = g;
            }
            uuid = writer.write(event, identity, g);
            g.flush();
        } catch (IOException | RuntimeException e) {
            generator = null; // its state is broken; the next event starts a fresh one
            return;
        }
        int length = scratch.size();
        if (length > chunk.length - used) {
            chunk = new byte[Math.max(nextChunkBytes, length)];
            nextChunkBytes = nextChunkBytes < GROWN_CHUNK_BYTES
                    ? 4 * nextChunkBytes
                    : failing.getAsBoolean() ? OUTAGE_CHUNK_BYTES : GROWN_CHUNK_BYTES;
            used = 0;
        }
        System.arraycopy(scratch.array(), 0, chunk, used, length);
        p.uuid(uuid);
        p.start = used;
        p.end = used + length;
        p.buffer = chunk;
        p.event = null;
        p.identity = null;
        used += length;
    }

    /** Nothing waits: the last chunk is let go of, so an idle client keeps none, and the next starts small. */
    void idle() {
        if (used > 0) {
            chunk = new byte[0];
            used = 0;
            nextChunkBytes = FIRST_CHUNK_BYTES;
        }
    }
}
