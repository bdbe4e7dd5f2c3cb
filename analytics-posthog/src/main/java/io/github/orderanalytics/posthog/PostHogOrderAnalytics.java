package io.github.orderanalytics.posthog;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.internal.pipeline.CaptureClient;
import io.github.orderanalytics.posthog.internal.pipeline.DisabledPipeline;
import io.github.orderanalytics.posthog.internal.pipeline.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends order events to PostHog in the background.
 *
 * <pre>{@code
 * // Reads POSTHOG_API_KEY, POSTHOG_HOST, ... once; drains on JVM shutdown.
 * PostHogOrderAnalytics.shared().orderPlaced(order, Identity.customer("cus_42"));
 * PostHogOrderAnalytics.shared().orderRefunded(refund, Identity.customer("cus_42"));
 *
 * // Or own the lifecycle, e.g. as a bean with a destroy method:
 * try (PostHogOrderAnalytics analytics = PostHogOrderAnalytics.create(PostHogConfig.fromEnvironment())) {
 *     analytics.orderPlaced(order, identity);
 * }
 * }</pre>
 *
 * <p>{@link #orderPlaced}, {@link #orderRefunded} and {@link #orderCancelled} put the event in one
 * bounded in-memory queue and return at once; daemon
 * threads batch, gzip and post it to {@code {host}/batch/}, retrying with backoff. Nothing about
 * delivery ever reaches the caller: when the queue is full, after {@link #close()}, or when
 * PostHog refuses an event, the event is counted in {@link #stats()} as dropped with a reason
 * and a warning is logged. Without an API key the instance is disabled: no thread, no network,
 * one warning, and every call counted as dropped. Thread-safe.
 *
 * @since 0.1.0
 */
public final class PostHogOrderAnalytics implements OrderAnalytics, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");
    private static final Object SHARED_LOCK = new Object();
    private static volatile @Nullable PostHogOrderAnalytics shared;

    private final PostHogConfig config;
    private final Pipeline pipeline;

    private PostHogOrderAnalytics(PostHogConfig config, Pipeline pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    /**
     * The process-wide instance, created on first use from {@link PostHogConfig#fromEnvironment()},
     * with one JVM shutdown hook that calls {@link #close()}. Never throws: with a bad environment
     * variable it logs one ERROR naming it and returns a disabled instance (events dropped as
     * {@link DropReason#DISABLED}); first called during JVM shutdown, it starts no thread and drops
     * events as {@link DropReason#CLOSED}, as nothing could deliver them any more.
     */
    public static PostHogOrderAnalytics shared() {
        PostHogOrderAnalytics instance = shared;
        if (instance == null) {
            synchronized (SHARED_LOCK) {
                instance = shared;
                if (instance == null) {
                    instance = createShared();
                    shared = instance;
                }
            }
        }
        return instance;
    }

    private static PostHogOrderAnalytics createShared() {
        PostHogConfig config;
        try {
            config = PostHogConfig.fromEnvironment();
        } catch (RuntimeException e) {
            log.error(
                    "order-analytics is disabled: {}. Order events are counted as dropped (DISABLED).", e.getMessage());
            return new PostHogOrderAnalytics(
                    PostHogConfig.builder().build(), DisabledPipeline.withoutApiKey(Optional.empty()));
        }
        // The hook goes in before any thread starts: during JVM shutdown it cannot, and a client
        // started then would hold events that nothing drains.
        AtomicReference<PostHogOrderAnalytics> started = new AtomicReference<>();
        Thread hook = new Thread(
                () -> {
                    PostHogOrderAnalytics instance = started.get();
                    if (instance != null) {
                        instance.close();
                    }
                },
                "order-analytics-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            log.warn("order-analytics: shared() was first called while the JVM shuts down;"
                    + " order events are dropped as CLOSED");
            return new PostHogOrderAnalytics(
                    config, DisabledPipeline.closed(config.deliveryListener(), "the JVM is shutting down"));
        }
        PostHogOrderAnalytics instance = create(config);
        started.set(instance);
        return instance;
    }

    /**
     * A new instance with its own queue and threads; the caller closes it. Without an API key in
     * {@code config}, a disabled instance: no thread, no network, one WARN.
     */
    public static PostHogOrderAnalytics create(PostHogConfig config) {
        Objects.requireNonNull(config, "config == null");
        if (config.apiKey().isEmpty()) {
            log.warn("order-analytics is disabled: no PostHog API key is configured (set POSTHOG_API_KEY)."
                    + " Order events are counted as dropped (DISABLED) and not sent.");
            return new PostHogOrderAnalytics(config, DisabledPipeline.withoutApiKey(config.deliveryListener()));
        }
        if (config.profile() == PostHogConfig.Profile.PRODUCTION
                && config.event().guestIdentity() == GuestIdentity.HASHED
                && config.event().guestIdKey().isEmpty()) {
            log.warn("order-analytics hashes guest emails without a key: anyone holding a list of emails can"
                    + " hash it and re-identify your guests. Set POSTHOG_GUEST_ID_KEY (guestIdKey) to a secret of"
                    + " at least 32 bytes, e.g. 64 random hex digits, to make guest ids HMAC-SHA256 instead.");
        }
        return new PostHogOrderAnalytics(config, CaptureClient.start(config));
    }

    /** Queues the {@code order_placed} event and returns without waiting for the network. */
    @Override
    public void orderPlaced(Order order, Identity identity) {
        Objects.requireNonNull(order, "order == null");
        pipeline.accept(order, Objects.requireNonNull(identity, "identity == null"));
    }

    /** Queues the {@code order_refunded} event and returns without waiting for the network. */
    @Override
    public void orderRefunded(Refund refund, Identity identity) {
        Objects.requireNonNull(refund, "refund == null");
        pipeline.accept(refund, Objects.requireNonNull(identity, "identity == null"));
    }

    /** Queues the {@code order_cancelled} event and returns without waiting for the network. */
    @Override
    public void orderCancelled(Cancellation cancellation, Identity identity) {
        Objects.requireNonNull(cancellation, "cancellation == null");
        pipeline.accept(cancellation, Objects.requireNonNull(identity, "identity == null"));
    }

    /**
     * Waits until every event accepted before this call is delivered or dropped, or until
     * {@code timeout} passes. Sends what is waiting at once rather than at the next interval.
     *
     * @return true if everything was settled in time
     */
    public boolean flush(Duration timeout) {
        return pipeline.flush(timeout);
    }

    /**
     * Stops accepting events (later calls are dropped as {@link DropReason#CLOSED}), delivers what
     * is left within {@link PostHogConfig#shutdownTimeout()}, stops the threads and logs one line
     * if anything stayed undelivered. Idempotent; never blocks past the timeout.
     */
    @Override
    public void close() {
        pipeline.close();
    }

    /**
     * Sends events written earlier (by an outbox, say) now, on this thread: one request per 5 MB,
     * each sent once, with this client's host, key, HTTP client and {@code historicalMigration}
     * setting. Returns one outcome per event, in order: {@code DELIVERED}; {@code REJECTED} when
     * PostHog refuses that event alone (a 400 or 413 is halved until the bad events stand alone), so
     * sending it again cannot help; {@code API_KEY_REFUSED} (401 or 403), to send again once the key is
     * fixed; or {@code RETRY}, for the caller to try again later. These events
     * are not counted in {@link #stats()}'s event counts (the caller keeps its own), but their errors
     * and successes show in its {@code lastError}, {@code failingSince} and {@code lastDeliveredAt}.
     * A disabled or closed client answers {@code RETRY} for all.
     *
     * @throws InterruptedException if the thread is interrupted while a request is under way
     */
    public List<EncodedEvent.Outcome> sendNow(List<EncodedEvent> events) throws InterruptedException {
        return send(events, false);
    }

    /**
     * As {@link #sendNow}, for a backfill or a repair of events PostHog lost: a request whose events
     * are all over 48 hours old goes as {@code historical_migration} (PostHog's path for old events),
     * whatever this client's {@code historicalMigration} setting. Send old and recent events in separate
     * calls, so that the old ones' requests hold old events only.
     *
     * @throws InterruptedException if the thread is interrupted while a request is under way
     * @since 0.1.0
     */
    public List<EncodedEvent.Outcome> backfill(List<EncodedEvent> events) throws InterruptedException {
        return send(events, true);
    }

    private List<EncodedEvent.Outcome> send(List<EncodedEvent> events, boolean backfill) throws InterruptedException {
        Objects.requireNonNull(events, "events == null");
        events.forEach(e -> Objects.requireNonNull(e, "an event == null"));
        return events.isEmpty() ? List.of() : pipeline.sendNow(events, backfill);
    }

    public DeliveryStats stats() {
        return pipeline.stats();
    }

    public PostHogConfig config() {
        return config;
    }

    /** Whether events are sent at all: false without an API key. */
    public boolean isEnabled() {
        return pipeline instanceof CaptureClient;
    }

    @Override
    public String toString() {
        return "PostHogOrderAnalytics{host=" + config.host() + ", enabled=" + isEnabled() + "}";
    }
}
