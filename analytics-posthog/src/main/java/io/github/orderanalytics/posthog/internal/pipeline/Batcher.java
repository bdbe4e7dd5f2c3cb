package io.github.orderanalytics.posthog.internal.pipeline;

import io.github.orderanalytics.posthog.BatchSettings;
import io.github.orderanalytics.posthog.DropReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batching loop, on one daemon thread: it waits until {@code flushAt} events wait, the
 * {@code flushInterval} passes or a flush asks, then cuts a batch and hands it to one of
 * {@code maxRequestsInFlight} sender threads. It cuts only once a sender is free, so under load
 * batches grow towards {@code maxBatchSize} instead of requests queueing up. Nothing it meets
 * stops it but close().
 */
final class Batcher {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");
    /** After an unexpected failure the loop pauses this long, so a failure that repeats cannot spin. */
    private static final long PAUSE_AFTER_FAILURE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * While every sender is busy, how often the loop writes the events that arrived meanwhile: so
     * seldom that it costs nothing, so often that few orders are still objects when a collection comes.
     */
    private static final long WRITE_AHEAD_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** The most events written in one go, so close() never waits long for the loop to see it. */
    private static final int WRITE_AHEAD_MAX = 2_000;

    private final EventQueue queue;
    private final BatchSettings settings;
    private final TimeSource clock;
    private final Ledger ledger;
    private final BatchDelivery delivery;
    /** Null when a listener needs each waiting event's order. */
    private final @Nullable WriteAhead writeAhead;

    private final CaptureClient.RunState state;
    private final Semaphore senderSlots;
    private final ExecutorService senders;
    private final Set<Batch> active = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    /** True while the loop parks for want of a reason to send. */
    private final AtomicBoolean idle = new AtomicBoolean();

    private final RateLimitedLog failures = new RateLimitedLog(10, TimeUnit.SECONDS);

    Batcher(
            EventQueue queue,
            BatchSettings settings,
            TimeSource clock,
            Ledger ledger,
            BatchDelivery delivery,
            @Nullable WriteAhead writeAhead,
            CaptureClient.RunState state) {
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
        this.ledger = ledger;
        this.delivery = delivery;
        this.writeAhead = writeAhead;
        this.state = state;
        this.senderSlots = new Semaphore(settings.maxRequestsInFlight());
        AtomicInteger senderNumber = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(
                settings.maxRequestsInFlight(),
                r -> daemon(r, "order-analytics-sender-" + senderNumber.incrementAndGet()));
        this.thread = daemon(this::run, "order-analytics-batcher");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void start() {
        thread.start();
    }

    /** Called after each accepted event: wakes the loop once enough events wait, one caller only. */
    void eventAdded() {
        // One caller unparks; an unpark per call would cost a syscall each.
        if (idle.get() && queue.waiting() >= settings.flushAt() && idle.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    /** A flush asks: send what waits now. */
    void wake() {
        LockSupport.unpark(thread);
    }

    /**
     * Stops the loop and the senders, waiting at most {@code nanos} for them to finish: once the loop
     * has ended, no event is between the queue and a batch, so close() finds every one it must settle.
     */
    void stop(long nanos) {
        long deadline = System.nanoTime() + nanos;
        senders.shutdownNow();
        thread.interrupt();
        try {
            TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
            senders.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The events of batches still being sent, for close() to settle once the senders are stopped. */
    List<Pending> inFlight() {
        List<Pending> events = new ArrayList<>();
        active.forEach(b -> events.addAll(b.events));
        return events;
    }

    /** After close() settled {@link #inFlight()}: flushes waiting on those batches give up. */
    void abandonInFlight() {
        active.forEach(b -> b.done.cancel(false));
    }

    private void run() {
        long interval = settings.flushInterval().toNanos(); // at most an hour: no overflow
        long nextTick = clock.nanoTime() + interval;
        while (!state.stopped) {
            try {
                acquireSender();
            } catch (InterruptedException e) {
                continue; // only close() interrupts; the loop condition says whether it did
            }
            boolean handedOff = false;
            try {
                nextTick = awaitReasonToSend(nextTick, interval);
                if (!state.stopped) {
                    handedOff = cutAndHandOff();
                }
            } catch (Throwable t) {
                // Never let the one batcher die: the queue would fill and everything after be dropped.
                failed(t);
            } finally {
                if (!handedOff) {
                    senderSlots.release();
                }
            }
        }
    }

    /** Waits for a free sender, meanwhile writing what waits so that a long queue holds bytes. */
    private void acquireSender() throws InterruptedException {
        if (writeAhead == null) {
            senderSlots.acquire();
            return;
        }
        while (!senderSlots.tryAcquire(WRITE_AHEAD_EVERY_NANOS, TimeUnit.NANOSECONDS)) {
            if (state.stopped) {
                throw new InterruptedException(); // close() gave up: stop, and leave the queue to it
            }
            queue.writeAhead(writeAhead, WRITE_AHEAD_MAX);
        }
        if (queue.isEmpty()) {
            writeAhead.idle();
        }
    }

    private void failed(Throwable t) {
        try {
            if (failures.record(1) > 0) {
                log.error("order-analytics batcher failed; continuing", t);
            }
            clock.park(this, PAUSE_AFTER_FAILURE_NANOS);
        } catch (Throwable again) {
            // nothing left to do but go on
        }
    }

    /** Parks until a batch should be cut; returns the next interval tick. */
    private long awaitReasonToSend(long nextTick, long interval) {
        while (!state.stopped) {
            long now = clock.nanoTime();
            if (shouldSendNow() || now - nextTick >= 0 && !queue.isEmpty()) {
                return now + interval;
            }
            if (now - nextTick >= 0) {
                nextTick = now + interval;
            }
            idle.set(true);
            if (!shouldSendNow()) { // checked again after announcing, so no wake-up is lost
                clock.park(this, nextTick - now);
            }
            idle.set(false);
        }
        return nextTick;
    }

    private boolean shouldSendNow() {
        return queue.waiting() >= settings.flushAt() || queue.hasFlushMarker() || state.closed && !queue.isEmpty();
    }

    /** Takes up to maxBatchSize events off the queue and hands them to a sender; true if it did. */
    private boolean cutAndHandOff() {
        List<Pending> events = new ArrayList<>(Math.max(1, Math.min(queue.waiting(), settings.maxBatchSize())));
        List<EventQueue.FlushMarker> markers = new ArrayList<>();
        EventQueue.Item item;
        while (events.size() < settings.maxBatchSize() && (item = queue.poll()) != null) {
            if (item instanceof Pending p) {
                if (!p.isSettled()) {
                    events.add(p);
                }
            } else if (item instanceof EventQueue.FlushMarker marker) {
                markers.add(marker);
            }
        }
        boolean handedOff = !events.isEmpty() && handOff(new Batch(events));
        if (!markers.isEmpty()) {
            // Every event before these markers is in a batch by now: they are done when those batches are.
            CompletableFuture<?>[] sending = active.stream().map(b -> b.done).toArray(CompletableFuture<?>[]::new);
            CompletableFuture.allOf(sending)
                    .whenComplete((done, abandoned) -> markers.forEach(m -> {
                        if (abandoned == null) {
                            m.done.complete(null);
                        } else {
                            m.done.cancel(false);
                        }
                    }));
        }
        return handedOff;
    }

    private boolean handOff(Batch batch) {
        active.add(batch);
        try {
            senders.execute(() -> send(batch));
            return true;
        } catch (RejectedExecutionException e) { // close() stopped the senders
            finish(batch);
            return false;
        }
    }

    private void send(Batch batch) {
        try {
            delivery.deliver(batch.events);
        } catch (Throwable t) {
            // A bug of ours; count and say it rather than lose the events quietly.
            log.error("order-analytics failed sending a batch; dropped its events as REJECTED", t);
            ledger.dropped(batch.events, DropReason.REJECTED);
        } finally {
            finish(batch);
            senderSlots.release();
        }
    }

    private void finish(Batch batch) {
        if (state.stopped) {
            return; // close() settles what the batch still holds, and tells its flushes
        }
        ledger.dropped(batch.events, DropReason.SHUTDOWN_TIMEOUT); // nothing: deliver() settled them all
        active.remove(batch);
        batch.done.complete(null);
    }

    private static final class Batch {
        final List<Pending> events;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Batch(List<Pending> events) {
            this.events = events;
        }
    }
}
