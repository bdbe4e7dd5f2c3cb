package io.github.orderanalytics.posthog.internal.wire;

import io.github.orderanalytics.posthog.EventSettings;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A few {@link OrderEventWriter}s to share between threads, each used by one thread at a time.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class WriterPool {
    private final EventSettings settings;
    private final ArrayBlockingQueue<OrderEventWriter> idle = new ArrayBlockingQueue<>(16);

    public WriterPool(EventSettings settings) {
        this.settings = settings;
    }

    /** An idle writer, or a new one if all are in use. */
    public OrderEventWriter take() {
        OrderEventWriter writer = idle.poll();
        return writer != null ? writer : OrderEventWriter.create(settings);
    }

    /** Returns a writer for reuse; beyond the pool's capacity it is left to the garbage collector. */
    public void giveBack(OrderEventWriter writer) {
        idle.offer(writer);
    }
}
