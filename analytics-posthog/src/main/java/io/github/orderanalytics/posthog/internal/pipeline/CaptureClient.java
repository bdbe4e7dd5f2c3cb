package io.github.orderanalytics.posthog.internal.pipeline;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.DeliveryStats;
import io.github.orderanalytics.posthog.DropReason;
import io.github.orderanalytics.posthog.EncodedEvent;
import io.github.orderanalytics.posthog.PostHogConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in PostHog capture client: the callers' side of the pipeline and its lifecycle.
 * Callers only put events into the bounded {@link EventQueue}; the {@link Batcher} cuts batches;
 * sender threads run {@link BatchDelivery}; the {@link Ledger} settles every event exactly once.
 * See docs/architecture.md.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class CaptureClient implements Pipeline {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");
    /** The most of shutdownTimeout that close() keeps for stopping its threads. */
    private static final Duration STOP_TIME = Duration.ofMillis(200);

    private final Duration shutdownTimeout;
    private final TimeSource clock;
    private final RunState state = new RunState();
    private final QueueBound bound;
    private final EventQueue queue;
    private final Ledger ledger;
    private final Batcher batcher;
    private final SendNow sendNow;
    /** Null when a listener needs each waiting event's order. */
    private final @Nullable WriteAhead writeAhead;

    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private final CountDownLatch closeDone = new CountDownLatch(1);

    /** A client that sends over HTTP: the configured client, or one made for it when first needed. */
    public static CaptureClient start(PostHogConfig config) {
        HttpBatchSender sender = new HttpBatchSender(
                () -> config.httpClient()
                        .orElseGet(() -> HttpBatchSender.defaultClient(
                                config.host(), config.batching().requestTimeout())),
                config.host(),
                config.batching().requestTimeout());
        return new CaptureClient(
                config, sender, TimeSource.SYSTEM, sender.batchUri().toString());
    }

    /** With the given sender and clock: tests use an in-memory sender and a fake clock. */
    CaptureClient(PostHogConfig config, BatchSender sender, TimeSource clock, String endpoint) {
        String apiKey = config.apiKey().orElseThrow(() -> new IllegalArgumentException("apiKey is required"));
        this.shutdownTimeout = config.shutdownTimeout();
        this.clock = clock;
        this.bound = new QueueBound(
                config.batching().maxQueueSize(), config.batching().maxQueueBytes());
        this.queue = new EventQueue(bound);
        this.ledger = new Ledger(config.deliveryListener(), bound, () -> state.stopped);
        BatchEncoder encoder = new BatchEncoder(
                apiKey,
                config.event(),
                config.batching().gzip(),
                config.batching().historicalMigration());
        RetryPolicy policy = new RetryPolicy(config.retries());
        Sending sending = new Sending(encoder, sender, policy, ledger, clock);
        this.sendNow = new SendNow(sending);
        BatchDelivery delivery = new BatchDelivery(sending, () -> state.stopped, endpoint);
        // A listener is handed each event's order, so waiting events then keep theirs.
        this.writeAhead =
                config.deliveryListener().isPresent() ? null : new WriteAhead(encoder.writer(), ledger::failing);
        this.batcher = new Batcher(queue, config.batching(), clock, ledger, delivery, writeAhead, state);
        batcher.start();
    }

    @Override
    public void accept(OrderEvent event, Identity identity) {
        ledger.accepted(event.kind());
        if (state.closed) {
            ledger.dropAtCall(event, identity, DropReason.CLOSED, "an order event was reported after close()");
            return;
        }
        Pending pending = new Pending(event, identity);
        if (!queue.offer(pending)) {
            ledger.dropAtCall(
                    event,
                    identity,
                    DropReason.QUEUE_FULL,
                    "the queue holds maxQueueSize="
                            + bound.maxEvents() + " events or maxQueueBytes=" + bound.maxBytes()
                            + " bytes (PostHog slow or unreachable?)");
            return;
        }
        if (state.stopped) {
            // close() may have swept the queue before this event arrived in it.
            ledger.dropped(List.of(pending), DropReason.CLOSED);
            return;
        }
        batcher.eventAdded();
    }

    /**
     * Waits until every event accepted before the call is settled. False if the timeout passed,
     * or close() gave up on events first; never throws for either.
     */
    @Override
    public boolean flush(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        if (state.stopped) {
            return stats().dropped(DropReason.SHUTDOWN_TIMEOUT) == 0;
        }
        try {
            return drain(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean drain(Duration timeout) throws InterruptedException {
        EventQueue.FlushMarker marker = queue.flushMarker();
        batcher.wake();
        try {
            return clock.await(marker.done, Math.max(0, timeout.toNanos()));
        } catch (CancellationException e) { // close() gave up on what was before the marker
            return false;
        }
    }

    @Override
    public List<EncodedEvent.Outcome> sendNow(List<EncodedEvent> events, boolean backfill) throws InterruptedException {
        if (state.stopped) {
            return Pipeline.allRetry(events, "the client is closed");
        }
        return sendNow.send(events, backfill);
    }

    @Override
    public DeliveryStats stats() {
        return ledger.snapshot(queue.held());
    }

    /** Markers in the queue, for tests of the memory bound. */
    int flushMarkers() {
        return queue.markerCount();
    }

    /** For tests: runs on the batcher's thread before it writes each waiting event. */
    void beforeWriteAhead(Runnable hook) {
        Objects.requireNonNull(writeAhead, "no write-ahead: a listener is configured").beforeWrite = hook;
    }

    /** Waiting events the batcher has written already, for tests of {@link WriteAhead}. */
    int writtenAhead() {
        return queue.writtenAhead();
    }

    @Override
    public void close() {
        if (!closeStarted.compareAndSet(false, true)) {
            awaitOtherClose();
            return;
        }
        // An interrupted caller (a container's shutdown thread, say) still gets its events delivered.
        boolean interrupted = Thread.interrupted();
        try {
            state.closed = true;
            long start = clock.nanoTime();
            Duration total = shutdownTimeout;
            // Keep a little of the deadline for stopping the threads, so close() never overruns it.
            Duration stopping = total.dividedBy(10).compareTo(STOP_TIME) < 0 ? total.dividedBy(10) : STOP_TIME;
            try {
                drain(total.minus(stopping));
            } catch (InterruptedException e) {
                interrupted = true; // interrupted again while draining: stop waiting
            }
            state.stopped = true;
            batcher.stop(stopping.toNanos() / 2);
            settleLeftovers(start + total.toNanos());
            DeliveryStats stats = stats();
            long undelivered = stats.dropped(DropReason.SHUTDOWN_TIMEOUT);
            if (undelivered > 0) {
                log.warn(
                        "order-analytics closed with {} order event(s) undelivered after shutdownTimeout={}: {}",
                        undelivered,
                        total,
                        stats);
            } else {
                log.debug("order-analytics closed: {}", stats);
            }
        } finally {
            closeDone.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitOtherClose() {
        try {
            closeDone.await(shutdownTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Settles what close() gave up on: counted at once, the listener told until the deadline. */
    private void settleLeftovers(long deadline) {
        List<Pending> leftovers = new ArrayList<>();
        EventQueue.Item item;
        while ((item = queue.poll()) != null) {
            if (item instanceof Pending p) {
                leftovers.add(p);
            } else if (item instanceof EventQueue.FlushMarker marker) {
                marker.done.cancel(false);
            }
        }
        leftovers.addAll(batcher.inFlight());
        ledger.droppedBefore(leftovers, DropReason.SHUTDOWN_TIMEOUT, deadline, clock::nanoTime);
        batcher.abandonInFlight();
    }

    /** How far close() has got; read by every stage. */
    static final class RunState {
        /** No new events: set when close() starts. */
        volatile boolean closed;
        /** close() stopped trying: senders stop, and whatever is left is settled as undelivered. */
        volatile boolean stopped;
    }
}
