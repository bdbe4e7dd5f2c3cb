package io.github.orderanalytics.posthog.internal.pipeline;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.DeliveryListener;
import io.github.orderanalytics.posthog.DeliveryStats;
import io.github.orderanalytics.posthog.DropReason;
import io.github.orderanalytics.posthog.internal.wire.OrderEventWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounting: settles each event exactly once, counts it, gives its room back to the queue
 * bound and tells the user's {@link DeliveryListener}. Counts change before the listener is
 * called, and nothing the listener throws (errors included) or does to its thread's interrupt
 * status reaches the pipeline: {@code accepted = delivered + dropped + held} always holds.
 */
final class Ledger {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");

    private static final OrderEvent.Kind[] KINDS = OrderEvent.Kind.values();

    // By kind of event (and reason): the totals are sums, so a kind can never be counted apart from them.
    private final LongAdder[] accepted = adders(KINDS.length);
    private final LongAdder[] delivered = adders(KINDS.length);
    private final LongAdder[][] dropped = new LongAdder[KINDS.length][];
    private final LongAdder retriedRequests = new LongAdder();
    private volatile @Nullable String lastError;
    private volatile @Nullable Instant failingSince;
    private volatile @Nullable Instant lastDeliveredAt;

    private final @Nullable DeliveryListener listener;
    private final QueueBound bound;
    private final BooleanSupplier stopping;
    private final Verdict deliveredVerdict = new Delivered();
    private final Verdict[] droppedVerdicts = new Verdict[DropReason.values().length];
    private final RateLimitedLog listenerFailures = new RateLimitedLog(10, TimeUnit.SECONDS);
    private final RateLimitedLog queueFullLog = new RateLimitedLog(10, TimeUnit.SECONDS);
    private final RateLimitedLog closedLog = new RateLimitedLog(10, TimeUnit.SECONDS);

    /**
     * @param listener told of each outcome, if the user set one
     * @param bound given back the room of each settled event
     * @param stopping true once close() stops the senders: only then may an interrupt stop a thread
     */
    Ledger(Optional<DeliveryListener> listener, QueueBound bound, BooleanSupplier stopping) {
        this.listener = listener.orElse(null);
        this.bound = bound;
        this.stopping = stopping;
        for (int k = 0; k < KINDS.length; k++) {
            dropped[k] = adders(DropReason.values().length);
        }
        for (DropReason reason : DropReason.values()) {
            droppedVerdicts[reason.ordinal()] = new Dropped(reason);
        }
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    void accepted(OrderEvent.Kind kind) {
        accepted[kind.ordinal()].increment();
    }

    void retried() {
        retriedRequests.increment();
    }

    /**
     * A failed request. The first failure after a success starts the outage a health check measures;
     * senders race here, so the instant is approximate, never missing.
     */
    void lastError(String error, Instant at) {
        lastError = error;
        if (failingSince == null) {
            failingSince = at;
        }
    }

    /** True from a failed request until the next one PostHog acknowledges. */
    boolean failing() {
        return failingSince != null;
    }

    /** A request PostHog acknowledged: whatever failed before is over. */
    void deliveredAt(Instant at) {
        lastDeliveredAt = at;
        failingSince = null;
    }

    /** Drops an event that never entered the queue, warning at most every 10 s per reason. */
    void dropAtCall(OrderEvent event, Identity identity, DropReason reason, String why) {
        dropped[event.kind().ordinal()][reason.ordinal()].increment();
        RateLimitedLog limiter = reason == DropReason.QUEUE_FULL ? queueFullLog : closedLog;
        long count = limiter.record(1);
        if (count > 0 && reason != DropReason.DISABLED) {
            log.warn("order-analytics dropped {} order event(s): {}", count, why);
        }
        notifyDropped(event, identity, reason);
    }

    /** Settles each unsettled event of {@code events} as delivered; returns how many that was. */
    int delivered(List<Pending> events) {
        return settle(events, deliveredVerdict, false, 0, System::nanoTime);
    }

    /** Settles each unsettled event of {@code events} as dropped for {@code reason}; returns how many. */
    int dropped(List<Pending> events, DropReason reason) {
        return settle(events, droppedVerdicts[reason.ordinal()], false, 0, System::nanoTime);
    }

    /**
     * As {@link #dropped(List, DropReason)}, but the listener is called on this thread only until {@code
     * deadline} by {@code nanoTime}; what is left is told on a thread of its own, so close() keeps its
     * deadline whatever the listener costs.
     */
    int droppedBefore(List<Pending> events, DropReason reason, long deadline, LongSupplier nanoTime) {
        return settle(events, droppedVerdicts[reason.ordinal()], true, deadline, nanoTime);
    }

    /**
     * The shared counters change once per call, not once per event: callers add to the queue bound on every
     * orderPlaced, and per-event updates would fight them for it.
     */
    private int settle(
            List<Pending> events, Verdict verdict, boolean hasDeadline, long deadline, LongSupplier nanoTime) {
        List<Pending> settled = new ArrayList<>(events.size());
        long bytes = 0;
        int[] byKind = new int[KINDS.length];
        for (Pending p : events) {
            if (p.settle()) {
                settled.add(p);
                bytes += p.size;
                byKind[kind(p).ordinal()]++;
            }
        }
        if (settled.isEmpty()) {
            return 0;
        }
        for (int k = 0; k < KINDS.length; k++) {
            if (byKind[k] > 0) {
                verdict.counter(k).add(byKind[k]);
            }
        }
        bound.giveBack(settled.size(), bytes);
        DeliveryListener l = listener;
        if (l != null) {
            for (int i = 0; i < settled.size(); i++) {
                if (hasDeadline && nanoTime.getAsLong() - deadline > 0) {
                    notifyLater(l, settled.subList(i, settled.size()), verdict);
                    break;
                }
                tell(l, settled.get(i), verdict);
            }
        }
        return settled.size();
    }

    private void notifyLater(DeliveryListener l, List<Pending> rest, Verdict verdict) {
        List<Pending> copy = List.copyOf(rest);
        log.warn("order-analytics DeliveryListener is slow: {} outcome(s) are told after close() returns", copy.size());
        Thread t = new Thread(() -> copy.forEach(p -> tell(l, p, verdict)), "order-analytics-listener");
        t.setDaemon(true);
        t.start();
    }

    private void notifyDropped(OrderEvent event, Identity identity, DropReason reason) {
        DeliveryListener l = listener;
        if (l != null) {
            tell(l, event, identity, OrderEventWriter.uuid(event), droppedVerdicts[reason.ordinal()]);
        }
    }

    /** Events given already written ({@code sendNow}) are answered by their caller, never settled here. */
    private static OrderEvent.Kind kind(Pending p) {
        return Objects.requireNonNull(p.kind, "an event given already written is not settled by the ledger");
    }

    /** A listener is told of an event the batcher kept whole for it: it lets go of its order only without one. */
    private void tell(DeliveryListener l, Pending p, Verdict verdict) {
        OrderEvent event = Objects.requireNonNull(p.event, "a listener's events keep their order");
        Identity identity = Objects.requireNonNull(p.identity, "a listener's events keep their identity");
        UUID uuid = p.uuid();
        tell(l, event, identity, uuid != null ? uuid : OrderEventWriter.uuid(event), verdict);
    }

    /** One listener call, contained: whatever it throws is logged, and an interrupt it sets is undone. */
    private void tell(DeliveryListener l, OrderEvent event, Identity identity, UUID uuid, Verdict verdict) {
        boolean wasInterrupted = Thread.currentThread().isInterrupted();
        try {
            verdict.tell(l, event, identity, uuid);
        } catch (Throwable t) { // an AssertionError from a test listener must not lose events either
            long count = listenerFailures.record(1);
            if (count > 0) {
                log.warn("order-analytics DeliveryListener threw {} time(s); ignored. Latest:", count, t);
            }
        } finally {
            if (!wasInterrupted && Thread.interrupted() && stopping.getAsBoolean()) {
                Thread.currentThread().interrupt(); // close() asked, not the listener: keep it
            }
        }
    }

    /** What becomes of settled events: the counter that counts them and what the listener hears. */
    private interface Verdict {
        LongAdder counter(int kind);

        void tell(DeliveryListener l, OrderEvent event, Identity identity, UUID uuid);
    }

    private final class Delivered implements Verdict {
        @Override
        public LongAdder counter(int kind) {
            return delivered[kind];
        }

        @Override
        public void tell(DeliveryListener l, OrderEvent event, Identity identity, UUID uuid) {
            l.onDelivered(event, identity, uuid);
        }
    }

    private final class Dropped implements Verdict {
        private final DropReason reason;

        Dropped(DropReason reason) {
            this.reason = reason;
        }

        @Override
        public LongAdder counter(int kind) {
            return dropped[kind][reason.ordinal()];
        }

        @Override
        public void tell(DeliveryListener l, OrderEvent event, Identity identity, UUID uuid) {
            l.onDropped(event, identity, uuid, reason);
        }
    }

    DeliveryStats snapshot(int queueDepth) {
        // Read the outcome counters before accepted, so a concurrent call never makes them look larger.
        Map<OrderEvent.Kind, DeliveryStats.Counts> byKind = new EnumMap<>(OrderEvent.Kind.class);
        for (OrderEvent.Kind kind : KINDS) {
            int k = kind.ordinal();
            Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
            for (DropReason reason : DropReason.values()) {
                byReason.put(reason, dropped[k][reason.ordinal()].sum());
            }
            long deliveredNow = delivered[k].sum();
            byKind.put(kind, new DeliveryStats.Counts(accepted[k].sum(), deliveredNow, byReason));
        }
        return DeliveryStats.of(
                byKind,
                retriedRequests.sum(),
                queueDepth,
                Optional.ofNullable(lastError),
                Optional.ofNullable(failingSince),
                Optional.ofNullable(lastDeliveredAt));
    }
}
