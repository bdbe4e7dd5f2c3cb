package io.github.orderanalytics.posthog.internal;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/** One accepted event on its way to PostHog. It is settled exactly once: delivered or dropped. */
final class Pending {
    private static final AtomicIntegerFieldUpdater<Pending> SETTLED =
            AtomicIntegerFieldUpdater.newUpdater(Pending.class, "settled");

    final Order order;
    final Identity identity;
    /** Set by the sender thread that writes it: its uuid, and where its JSON lies in the batch's buffer. */
    UUID uuid;

    byte[] buffer;
    int start;
    int end;
    private volatile int settled;

    Pending(Order order, Identity identity) {
        this.order = order;
        this.identity = identity;
    }

    /** True for the one caller that settles this event; false if it was settled already. */
    boolean settle() {
        return SETTLED.compareAndSet(this, 0, 1);
    }

    int length() {
        return end - start;
    }

    boolean isSettled() {
        return settled != 0;
    }
}
