package io.github.orderanalytics.posthog.internal;

import io.github.orderanalytics.posthog.DeliveryStats;
import io.github.orderanalytics.posthog.DropReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link DeliveryStats}; contention-free on the caller's path. */
final class DeliveryCounters {
    final LongAdder accepted = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder retriedRequests = new LongAdder();
    private final LongAdder[] dropped = new LongAdder[DropReason.values().length];
    private volatile String lastError;

    DeliveryCounters() {
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = new LongAdder();
        }
    }

    void dropped(DropReason reason, int count) {
        dropped[reason.ordinal()].add(count);
    }

    void lastError(String error) {
        this.lastError = error;
    }

    DeliveryStats snapshot(int queueDepth) {
        Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            byReason.put(reason, dropped[reason.ordinal()].sum());
        }
        // Read the outcome counters before accepted, so a concurrent call never makes them look larger.
        long deliveredNow = delivered.sum();
        long retried = retriedRequests.sum();
        return new DeliveryStats(
                accepted.sum(), deliveredNow, retried, byReason, queueDepth, Optional.ofNullable(lastError));
    }
}
