package io.github.orderanalytics.posthog.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.DeliveryStats;
import io.github.orderanalytics.posthog.DropReason;
import io.github.orderanalytics.posthog.PostHogConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in PostHog capture client.
 *
 * <p>Callers only append to a lock-free queue, bounded by a counter of every event held in memory
 * (waiting, in a request, or waiting for a retry). One batcher thread cuts batches when
 * {@code flushAt} events wait, when {@code flushInterval} passes or when a flush asks; it takes a
 * batch only once one of {@code maxRequestsInFlight} sender threads is free, so under load batches
 * grow towards {@code maxBatchSize} instead of requests queueing up. Sender threads map and
 * serialise the events, then post them, retrying and splitting as DESIGN.md §4 says. Every
 * accepted event is settled exactly once (see {@link Pending}), which keeps the counts honest even
 * when {@link #close()} gives up on requests still under way.
 */
public final class CaptureClient implements Delivery {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");

    /** Uncompressed request size at which a batch is cut: PostHog allows 20 MB, we stay far below. */
    static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;
    /** The most of shutdownTimeout that close() keeps for stopping its threads. */
    private static final Duration STOP_TIME = Duration.ofMillis(200);

    private final PostHogConfig config;
    private final HttpClient http;
    private final URI batchUri;
    private final String userAgent;
    private final byte[] bodyStart;
    private final Backoff backoff;
    private final DeliveryCounters counters = new DeliveryCounters();
    private final ListenerCalls listener;
    private final RateLimitedLog queueFullLog = new RateLimitedLog(10, TimeUnit.SECONDS);
    private final RateLimitedLog closedLog = new RateLimitedLog(10, TimeUnit.SECONDS);
    private final AtomicBoolean apiKeyErrorLogged = new AtomicBoolean();

    /** Events and flush requests, in the order they came. */
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    /** Every accepted event not yet settled: the number the queue bound applies to. */
    private final AtomicInteger held = new AtomicInteger();
    /**
     * Events cut into batches whose sending has not finished. {@code held - inBatches} is how many
     * wait in the queue, so callers touch one shared counter, not two.
     */
    private final AtomicInteger inBatches = new AtomicInteger();

    private final AtomicInteger flushRequests = new AtomicInteger();
    private final Set<Batch> active = ConcurrentHashMap.newKeySet();
    private final Semaphore senderSlots;
    private final ExecutorService senders;
    private final Thread batcher;
    /** True while the batcher parks for want of a reason to send. */
    private final AtomicBoolean batcherIdle = new AtomicBoolean();
    /** Set by {@link #close()}: no new events. */
    private volatile boolean closed;
    /** Set when close() stops trying: whatever is left is settled as undelivered. */
    private volatile boolean terminated;

    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private final CountDownLatch closeDone = new CountDownLatch(1);

    public CaptureClient(PostHogConfig config, HttpClient http) {
        this.config = Objects.requireNonNull(config, "config == null");
        this.http = Objects.requireNonNull(http, "http == null");
        String apiKey = config.apiKey().orElseThrow(() -> new IllegalArgumentException("apiKey is required"));
        this.batchUri = URI.create(config.host() + "/batch/");
        this.userAgent = LibraryVersion.NAME + "/" + LibraryVersion.VERSION;
        this.bodyStart = ("{\"api_key\":" + new String(EventJson.quoted(apiKey), StandardCharsets.UTF_8)
                        + ",\"batch\":[")
                .getBytes(StandardCharsets.UTF_8);
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.listener = new ListenerCalls(config.deliveryListener().orElse(null));
        this.senderSlots = new Semaphore(config.maxRequestsInFlight());
        AtomicInteger senderNumber = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(
                config.maxRequestsInFlight(),
                r -> daemon(r, "order-analytics-sender-" + senderNumber.incrementAndGet()));
        this.batcher = daemon(this::runBatcher, "order-analytics-batcher");
        batcher.start();
    }

    /** The HTTP client the capture client uses unless given one. */
    public static HttpClient defaultHttpClient(PostHogConfig config) {
        Duration connect = config.requestTimeout().compareTo(Duration.ofSeconds(10)) < 0
                ? config.requestTimeout()
                : Duration.ofSeconds(10);
        return HttpClient.newBuilder()
                .connectTimeout(connect)
                // h2c upgrades on plain http confuse simple servers and proxies; TLS negotiates HTTP/2 properly.
                .version(
                        "https".equals(config.host().getScheme())
                                ? HttpClient.Version.HTTP_2
                                : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    // ---- the caller's side -------------------------------------------------------------------

    @Override
    public void accept(Order order, Identity identity) {
        Objects.requireNonNull(order, "order == null");
        Objects.requireNonNull(identity, "identity == null");
        counters.accepted.increment();
        if (closed) {
            dropAtCall(order, identity, DropReason.CLOSED);
            return;
        }
        if (held.incrementAndGet() > config.maxQueueSize()) {
            held.decrementAndGet();
            dropAtCall(order, identity, DropReason.QUEUE_FULL);
            return;
        }
        Pending pending = new Pending(order, identity);
        queue.offer(pending);
        if (terminated) {
            // close() may have swept the queue before this event arrived in it.
            settle(pending, DropReason.CLOSED);
            return;
        }
        if (batcherIdle.get() && waiting() >= config.flushAt() && batcherIdle.compareAndSet(true, false)) {
            LockSupport.unpark(batcher); // one caller wakes it; an unpark per call would cost a syscall each
        }
    }

    /** Events in the queue, not yet in a batch. */
    private int waiting() {
        return held.get() - inBatches.get();
    }

    private void dropAtCall(Order order, Identity identity, DropReason reason) {
        counters.dropped(reason, 1);
        listener.dropped(order, identity, null, reason);
        RateLimitedLog limiter = reason == DropReason.QUEUE_FULL ? queueFullLog : closedLog;
        long count = limiter.record(1);
        if (count > 0) {
            if (reason == DropReason.QUEUE_FULL) {
                log.warn(
                        "order-analytics dropped {} order event(s): the queue holds maxQueueSize={} events"
                                + " (PostHog slow or unreachable?)",
                        count,
                        config.maxQueueSize());
            } else {
                log.warn("order-analytics dropped {} order event(s): orderPlaced was called after close()", count);
            }
        }
    }

    @Override
    public boolean flush(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        if (terminated) {
            return held.get() == 0;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        flushRequests.incrementAndGet();
        queue.offer(done);
        LockSupport.unpark(batcher);
        try {
            done.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    @Override
    public DeliveryStats stats() {
        return counters.snapshot(held.get());
    }

    @Override
    public void close() {
        if (!closeStarted.compareAndSet(false, true)) {
            awaitOtherClose();
            return;
        }
        try {
            closed = true;
            Duration total = config.shutdownTimeout();
            // Keep a little of the deadline for stopping the threads, so close() never overruns it.
            Duration stopping = total.dividedBy(10).compareTo(STOP_TIME) < 0 ? total.dividedBy(10) : STOP_TIME;
            flush(total.minus(stopping));
            terminated = true;
            senders.shutdownNow();
            batcher.interrupt();
            try {
                senders.awaitTermination(stopping.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            settleLeftovers();
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
        }
    }

    private void awaitOtherClose() {
        try {
            closeDone.await(config.shutdownTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void settleLeftovers() {
        Object item;
        while ((item = queue.poll()) != null) {
            if (item instanceof Pending p) {
                settle(p, DropReason.SHUTDOWN_TIMEOUT);
            } else if (item instanceof CompletableFuture<?> f) {
                f.cancel(false);
            }
        }
        for (Batch batch : active) {
            settleAll(batch.events, DropReason.SHUTDOWN_TIMEOUT);
        }
    }

    /** Settles {@code p} as delivered (reason null) or dropped; false if it was settled already. */
    private boolean settle(Pending p, DropReason reason) {
        return settleAll(List.of(p), reason) == 1;
    }

    /**
     * Settles every event of {@code events} not settled yet, as delivered (reason null) or dropped, and
     * returns how many that was. The shared counters change once per call, not once per event: callers
     * increment {@code held} on every orderPlaced, and per-event decrements would fight them for it.
     */
    private int settleAll(List<Pending> events, DropReason reason) {
        int settled = 0;
        for (Pending p : events) {
            if (p.settle()) {
                settled++;
                if (reason == null) {
                    listener.delivered(p.order, p.identity, p.uuid);
                } else {
                    listener.dropped(p.order, p.identity, p.uuid, reason);
                }
            }
        }
        if (settled > 0) {
            held.addAndGet(-settled);
            if (reason == null) {
                counters.delivered.add(settled);
            } else {
                counters.dropped(reason, settled);
            }
        }
        return settled;
    }

    // ---- the batcher thread ------------------------------------------------------------------

    private void runBatcher() {
        long interval = config.flushInterval().toNanos();
        long nextTick = System.nanoTime() + interval;
        try {
            while (!terminated) {
                senderSlots.acquire();
                boolean handedOff = false;
                try {
                    nextTick = awaitReasonToSend(nextTick, interval);
                    if (terminated) {
                        return;
                    }
                    handedOff = cutAndSend();
                } catch (RuntimeException e) {
                    // Never let the one batcher die: the queue would fill and everything after be dropped.
                    log.error("order-analytics batcher failed; continuing", e);
                } finally {
                    if (!handedOff) {
                        senderSlots.release();
                    }
                }
            }
        } catch (InterruptedException e) {
            // close() gave up: settleLeftovers() accounts for what is left
        }
    }

    /** Parks until a batch should be cut; returns the next interval tick. */
    private long awaitReasonToSend(long nextTick, long interval) {
        while (!terminated) {
            long now = System.nanoTime();
            if (shouldSendNow() || now - nextTick >= 0 && !queue.isEmpty()) {
                return now + interval;
            }
            if (now - nextTick >= 0) {
                nextTick = now + interval;
            }
            batcherIdle.set(true);
            if (!shouldSendNow()) { // checked again after announcing, so no wake-up is lost
                LockSupport.parkNanos(this, nextTick - now);
            }
            batcherIdle.set(false);
        }
        return nextTick;
    }

    private boolean shouldSendNow() {
        return waiting() >= config.flushAt() || flushRequests.get() > 0 || closed && !queue.isEmpty();
    }

    /** Takes up to maxBatchSize events off the queue and hands them to a sender; true if it did. */
    private boolean cutAndSend() {
        List<Pending> events = new ArrayList<>(Math.max(1, Math.min(waiting(), config.maxBatchSize())));
        List<CompletableFuture<Void>> flushes = new ArrayList<>();
        Object item;
        while (events.size() < config.maxBatchSize() && (item = queue.poll()) != null) {
            if (item instanceof Pending p) {
                if (!p.isSettled()) {
                    events.add(p);
                }
            } else {
                @SuppressWarnings("unchecked")
                CompletableFuture<Void> flush = (CompletableFuture<Void>) item;
                flushRequests.decrementAndGet();
                flushes.add(flush);
            }
        }
        boolean handedOff = false;
        if (!events.isEmpty()) {
            Batch batch = new Batch(events);
            inBatches.addAndGet(events.size());
            active.add(batch);
            try {
                senders.execute(() -> {
                    try {
                        deliver(batch);
                    } catch (RuntimeException e) {
                        // A bug of ours; count and say it rather than lose the events quietly.
                        log.error("order-analytics failed sending a batch; dropped its events as REJECTED", e);
                        settleAll(batch.events, DropReason.REJECTED);
                    } finally {
                        // deliver() settles every event unless close() interrupted it.
                        settleAll(batch.events, DropReason.SHUTDOWN_TIMEOUT);
                        inBatches.addAndGet(-batch.events.size());
                        active.remove(batch);
                        batch.done.complete(null);
                        senderSlots.release();
                    }
                });
                handedOff = true;
            } catch (RejectedExecutionException e) {
                inBatches.addAndGet(-events.size());
                active.remove(batch);
                settleAll(batch.events, DropReason.SHUTDOWN_TIMEOUT);
                batch.done.complete(null);
            }
        }
        if (!flushes.isEmpty()) {
            // Everything accepted before these flushes is in a batch by now: wait for all of them.
            CompletableFuture<?>[] pending = active.stream().map(b -> b.done).toArray(CompletableFuture<?>[]::new);
            CompletableFuture<Void> all = CompletableFuture.allOf(pending);
            flushes.forEach(f -> all.thenRun(() -> f.complete(null)));
        }
        return handedOff;
    }

    // ---- the sender threads ------------------------------------------------------------------

    private static final class Batch {
        final List<Pending> events;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Batch(List<Pending> events) {
            this.events = events;
        }
    }

    private void deliver(Batch batch) {
        List<Pending> encoded = encode(batch.events);
        List<Pending> chunk = new ArrayList<>();
        long chunkBytes = 0;
        for (Pending p : encoded) {
            if (!chunk.isEmpty() && chunkBytes + p.length() > MAX_REQUEST_BYTES) {
                if (!send(chunk)) {
                    return;
                }
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
            chunk.add(p);
            chunkBytes += p.length() + 1;
        }
        if (!chunk.isEmpty()) {
            send(chunk);
        }
    }

    /**
     * Writes every event of the batch into one buffer with one generator, each event a slice of it:
     * far less garbage than a buffer and a generator per event, and a retry or a split reuses the slices.
     */
    private List<Pending> encode(List<Pending> events) {
        OrderEventWriter writer = OrderEventWriter.create(config);
        BatchBuffer buffer = new BatchBuffer(events.size() * 1024);
        List<Pending> encoded = new ArrayList<>(events.size());
        JsonGenerator g = null;
        for (Pending p : events) {
            int start = buffer.size();
            try {
                if (g == null) {
                    g = EventJson.generator(buffer);
                }
                p.uuid = writer.write(p.order, p.identity, g);
                g.flush();
                p.start = start;
                p.end = buffer.size();
                encoded.add(p);
            } catch (IOException | RuntimeException e) {
                // A bug of ours, not of the caller: the values were validated when built.
                buffer.truncate(start);
                g = null; // its state is broken; the next event starts a fresh one
                if (settle(p, DropReason.REJECTED)) {
                    log.error("order-analytics could not encode an order_placed event; dropped it", e);
                }
            }
        }
        byte[] bytes = buffer.array();
        encoded.forEach(p -> p.buffer = bytes);
        return encoded;
    }

    /** A byte buffer whose array can be shared as it is, and cut back after a failed write. */
    private static final class BatchBuffer extends ByteArrayOutputStream {
        BatchBuffer(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }

        void truncate(int size) {
            count = size;
        }
    }

    /** Sends {@code chunk} until it is settled; false if the thread was interrupted by close(). */
    private boolean send(List<Pending> chunk) {
        int retries = 0;
        while (true) {
            chunk.removeIf(Pending::isSettled);
            if (chunk.isEmpty()) {
                return true;
            }
            if (retries > 0) {
                counters.retriedRequests.increment();
            }
            Response response;
            try {
                response = post(chunk);
            } catch (InterruptedException e) {
                return false;
            }
            int status = response.status;
            if (status >= 200 && status < 300) {
                settleAll(chunk, null);
                return true;
            }
            counters.lastError(response.describe());
            if (status == 400 || status == 413) {
                return isolate(chunk, response);
            }
            if (status == 401 || status == 403) {
                reject(chunk);
                if (apiKeyErrorLogged.compareAndSet(false, true)) {
                    log.error(
                            "PostHog refused the API key ({}): check POSTHOG_API_KEY (a project key, phc_...)"
                                    + " and that POSTHOG_HOST is the project's region. Events are dropped as REJECTED.",
                            response.describe());
                }
                return true;
            }
            if (!response.retryable()) {
                reject(chunk);
                log.error(
                        "PostHog answered {} at {}: dropped {} order event(s) as REJECTED (check POSTHOG_HOST)",
                        response.describe(),
                        batchUri,
                        chunk.size());
                return true;
            }
            if (retries >= config.maxRetries()) {
                int dropped = settleAll(chunk, DropReason.RETRIES_EXHAUSTED);
                log.warn(
                        "order-analytics dropped {} order event(s) after {} retries; last error: {}",
                        dropped,
                        retries,
                        response.describe());
                return true;
            }
            retries++;
            long delay = backoff.delayMillis(retries, Backoff.retryAfter(response.retryAfter, Instant.now()));
            log.debug(
                    "PostHog request failed ({}); retry {} of {} in {} ms",
                    response.describe(),
                    retries,
                    config.maxRetries(),
                    delay);
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return false;
            }
        }
    }

    /** A 400 or 413: halve the chunk until the offending events stand alone, then drop only those. */
    private boolean isolate(List<Pending> chunk, Response response) {
        if (chunk.size() == 1) {
            reject(chunk);
            log.warn(
                    "PostHog rejected order_placed event {} ({}); dropped it as REJECTED",
                    chunk.get(0).uuid,
                    response.describe());
            log.debug("PostHog's answer to event {}: {}", chunk.get(0).uuid, response.body);
            return true;
        }
        int half = chunk.size() / 2;
        return send(new ArrayList<>(chunk.subList(0, half)))
                && send(new ArrayList<>(chunk.subList(half, chunk.size())));
    }

    private void reject(List<Pending> chunk) {
        settleAll(chunk, DropReason.REJECTED);
    }

    private Response post(List<Pending> chunk) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(batchUri)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent);
        byte[] body = body(chunk);
        if (config.gzip()) {
            request.header("Content-Encoding", "gzip");
        }
        try {
            // send(), not sendAsync(): sendAsync hands every completion to the common pool, which on
            // a 2-core machine means a new thread per request. An interrupt from close() cancels it.
            HttpResponse<String> r = http.send(
                    request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Retry-After"), r.body(), null);
        } catch (IOException e) {
            return new Response(0, Optional.empty(), "", e);
        } catch (RuntimeException e) {
            return new Response(0, Optional.empty(), "", e);
        }
    }

    /** The request body, gzipped if configured, with {@code sent_at} as of now so PostHog can correct for clock skew. */
    private byte[] body(List<Pending> chunk) {
        byte[] end = ("],\"sent_at\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
        int size = bodyStart.length + end.length + chunk.size();
        for (Pending p : chunk) {
            size += p.length();
        }
        byte[] body = new byte[size];
        int at = bodyStart.length;
        System.arraycopy(bodyStart, 0, body, 0, at);
        for (int i = 0; i < chunk.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            Pending p = chunk.get(i);
            System.arraycopy(p.buffer, p.start, body, at, p.length());
            at += p.length();
        }
        System.arraycopy(end, 0, body, at, end.length);
        at += end.length;
        return config.gzip() ? gzip(body, at) : java.util.Arrays.copyOf(body, at);
    }

    /** Compresses in one pass: many small writes would each cross into native zlib, which costs more than the JSON. */
    private static byte[] gzip(byte[] body, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 6 + 64);
        try (GZIPOutputStream gz = new FastGzip(out)) {
            gz.write(body, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Fastest deflate level: event JSON still shrinks about tenfold, at a fraction of the CPU of the default. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(ByteArrayOutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** A status (0 when no response came) with what retrying needs. */
    private static final class Response {
        final int status;
        final Optional<String> retryAfter;
        final String body;
        final Throwable failure;

        Response(int status, Optional<String> retryAfter, String body, Throwable failure) {
            this.status = status;
            this.retryAfter = retryAfter;
            this.body = body;
            this.failure = failure;
        }

        boolean retryable() {
            return status == 0 || status == 408 || status == 429 || status >= 500;
        }

        String describe() {
            if (failure != null) {
                return failure.getClass().getSimpleName()
                        + (failure.getMessage() != null ? ": " + failure.getMessage() : "");
            }
            return "HTTP " + status;
        }
    }
}
