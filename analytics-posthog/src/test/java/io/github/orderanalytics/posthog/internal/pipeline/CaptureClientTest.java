package io.github.orderanalytics.posthog.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.DeliveryListener;
import io.github.orderanalytics.posthog.DeliveryStats;
import io.github.orderanalytics.posthog.DropReason;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogConfigBuilder;
import io.github.orderanalytics.testsupport.Await;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline without sockets: an in-memory sender and a fake clock, so batching, accounting and
 * retries are tested without waiting. Delivery over real HTTP is tested in the testkit.
 */
class CaptureClientTest {
    private final FakeTimeSource clock = new FakeTimeSource();
    private final InMemorySender sender = new InMemorySender();
    private final List<CaptureClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        sender.release();
        clients.forEach(CaptureClient::close);
    }

    private static PostHogConfigBuilder config() {
        return PostHogConfig.builder()
                .apiKey("phc_test")
                .host("http://127.0.0.1:1")
                .profile(PostHogConfig.Profile.DEVELOPMENT)
                .initialBackoff(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(30))
                .shutdownTimeout(Duration.ofSeconds(2));
    }

    private CaptureClient start(PostHogConfigBuilder config) {
        return start(config, clock);
    }

    /** Tests of close()'s deadline run on the system clock: the deadline is what they measure. */
    private CaptureClient start(PostHogConfigBuilder config, TimeSource clock) {
        CaptureClient client = new CaptureClient(config.build(), sender, clock, "memory");
        clients.add(client);
        return client;
    }

    static Order order(int i) {
        return Order.builder("ord_" + i, Money.of("49.99", "EUR"))
                .placedAt(Instant.parse("2026-11-27T10:15:30Z"))
                .tax(Money.of("7.99", "EUR"))
                .item(LineItem.builder("prod_7", 2, Money.of("21.00", "EUR"))
                        .name("Mug")
                        .build())
                .build();
    }

    private static void assertAccountedFor(DeliveryStats stats) {
        assertThat(stats.delivered() + stats.droppedTotal() + stats.queueDepth())
                .as("accepted = delivered + dropped + queueDepth in %s", stats)
                .isEqualTo(stats.accepted());
    }

    @Test
    void sendsEachEventAtOnceInDevelopment() {
        CaptureClient client = start(config());

        for (int i = 0; i < 5; i++) {
            client.accept(order(i), Identity.customer("cus_42"));
        }

        Await.until(() -> client.stats().delivered() == 5, client::stats);
        assertThat(sender.orderIds()).containsExactlyInAnyOrder("ord_0", "ord_1", "ord_2", "ord_3", "ord_4");
        assertAccountedFor(client.stats());
    }

    @Test
    void theIntervalSendsWhatWaitsWithoutWaitingForIt() {
        CaptureClient client = start(config().flushAt(100).flushInterval(Duration.ofMinutes(30)));
        for (int i = 0; i < 3; i++) {
            client.accept(order(i), Identity.customer("cus_42"));
        }
        Await.until(clock::hasParkedThread, () -> "no thread parked");

        clock.advance(Duration.ofMinutes(30).toNanos());

        Await.until(() -> client.stats().delivered() == 3, client::stats);
        assertThat(sender.requests()).hasSize(1);
    }

    @Test
    void retriesBackOffExponentiallyAndHonourRetryAfter() {
        AtomicInteger calls = new AtomicInteger();
        sender.answer(r -> switch (calls.incrementAndGet()) {
            case 1, 2, 3 -> SendResult.answered(503);
            case 4 -> SendResult.answered(429).withRetryAfter("120");
            default -> SendResult.answered(200);
        });
        CaptureClient client = start(config());

        client.accept(order(1), Identity.customer("cus_42"));

        Await.until(() -> client.stats().delivered() == 1, client::stats);
        List<Long> sleeps = clock.sleeps();
        assertThat(sleeps).hasSize(4);
        assertThat(sleeps.get(0)).isBetween(ms(500), ms(1000));
        assertThat(sleeps.get(1)).isBetween(ms(1000), ms(2000));
        assertThat(sleeps.get(2)).isBetween(ms(2000), ms(4000));
        assertThat(sleeps.get(3)).isEqualTo(Duration.ofSeconds(120).toNanos());
        assertThat(client.stats().retriedRequests()).isEqualTo(4);
    }

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void theRetryBudgetEndsInRetriesExhausted() {
        sender.answer(r -> SendResult.answered(500));
        CaptureClient client = start(config().maxRetries(3));

        client.accept(order(1), Identity.customer("cus_42"));

        Await.until(() -> client.stats().dropped(DropReason.RETRIES_EXHAUSTED) == 1, client::stats);
        assertThat(sender.requests()).hasSize(4);
        assertAccountedFor(client.stats());
    }

    /**
     * The batch's room is given back (inside deliver, before the listener hears of it) before the batch
     * is finished: an event accepted in between once found too few waiting to wake the loop, which on
     * this clock never times out. Four senders, so the loop waits with a free one.
     */
    @Test
    void anEventAcceptedWhileABatchIsSettledIsSentWithoutWaitingForTheInterval() {
        AtomicReference<CaptureClient> client = new AtomicReference<>();
        AtomicBoolean first = new AtomicBoolean(true);
        DeliveryListener acceptsOneMore = new DeliveryListener() {
            @Override
            public void onDelivered(OrderEvent event, Identity identity, UUID uuid) {
                if (first.compareAndSet(true, false)) {
                    client.get().accept(order(2), Identity.customer("cus_42"));
                }
            }

            @Override
            public void onDropped(OrderEvent event, Identity identity, UUID uuid, DropReason reason) {}
        };
        client.set(start(config().deliveryListener(acceptsOneMore).maxRequestsInFlight(4)));

        client.get().accept(order(1), Identity.customer("cus_42"));

        Await.until(
                () -> client.get().stats().delivered() == 2, () -> client.get().stats());
        assertThat(clock.nanoTime()).as("no interval had to pass").isZero();
        assertAccountedFor(client.get().stats());
    }

    /** One of each kind, for a guest with a browser: the richest JSON the writer makes. */
    private static OrderEvent event(int i) {
        return switch (i % 3) {
            case 0 -> order(i);
            case 1 ->
                Refund.builder("ord_" + i, "ref_" + i, Money.of("10.00", "EUR"))
                        .refundedAt(Instant.parse("2026-11-28T10:15:30Z"))
                        .build();
            default ->
                Cancellation.builder("ord_" + i)
                        .cancelledAt(Instant.parse("2026-11-28T11:15:30Z"))
                        .build();
        };
    }

    /**
     * Every other buyer a customer whose browser is linked (an {@code $identify} goes with the order),
     * the rest guests, each with a browser session that began an hour before the event.
     */
    private static Identity buyerWithBrowser(int i) {
        long sessionStart = event(i).occurredAt().minus(Duration.ofHours(1)).toEpochMilli();
        String session = String.format("%08x-%04x-7abc-8def-%012x", sessionStart >>> 16, sessionStart & 0xffff, i);
        String visitor = String.format("0192b7c1-5c6f-7abc-8def-%012x", i);
        Identity buyer = i % 2 == 0 ? Identity.guest("jane" + i + "@example.com") : Identity.customer("cus_" + i);
        return buyer.withBrowser(BrowserContext.of(visitor, session));
    }

    /**
     * While every sender is busy the batcher writes what waits, so a long queue holds bytes and not
     * the orders' objects; what is sent is what a sender would have written.
     */
    @Test
    void eventsWaitingForABusySenderAreWrittenAheadAndSentAsASenderWritesThem() {
        sender.hold();
        PostHogConfigBuilder oneSender =
                config().linkBrowserToCustomer(true).maxRequestsInFlight(1).maxBatchSize(10);
        CaptureClient client = start(oneSender);
        client.accept(event(0), buyerWithBrowser(0)); // takes the only sender, which hangs
        Await.until(() -> sender.requests().size() == 1, sender::requests);
        WeakReference<OrderEvent> waiting = acceptUnreferenced(client, 1);
        for (int i = 2; i < 30; i++) {
            client.accept(event(i), buyerWithBrowser(i));
        }

        Await.until(() -> client.writtenAhead() == 29, client::writtenAhead);
        Await.until(
                () -> {
                    System.gc(); // the condition under test: nothing but the queue could keep the order
                    return waiting.get() == null;
                },
                () -> "the waiting order is still reachable");
        sender.release();
        Await.until(() -> client.stats().delivered() == 30, client::stats);

        List<Object> writtenAhead = sender.events();
        sender.clear();
        // A listener keeps the batcher from writing ahead: every event here is written by the sender.
        CaptureClient bySender = start(oneSender.deliveryListener(new DeliveryListener() {}));
        for (int i = 0; i < 30; i++) {
            bySender.accept(event(i), buyerWithBrowser(i));
        }
        Await.until(() -> bySender.stats().delivered() == 30, bySender::stats);
        assertThat(writtenAhead).isEqualTo(sender.events()).hasSize(30 + 5); // an $identify with each customer's order
        assertThat(writtenAhead.toString()).contains("$session_id");
        assertAccountedFor(client.stats());
    }

    /** In a method of its own, so no local variable of the test keeps the event reachable. */
    private static WeakReference<OrderEvent> acceptUnreferenced(CaptureClient client, int i) {
        OrderEvent event = event(i);
        client.accept(event, buyerWithBrowser(i));
        return new WeakReference<>(event);
    }

    @Test
    void aListenerIsStillHandedTheOrdersOfEventsThatWaited() {
        List<OrderEvent> told = new CopyOnWriteArrayList<>();
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void onDelivered(OrderEvent event, Identity identity, UUID uuid) {
                told.add(event);
            }
        };
        sender.hold();
        CaptureClient client =
                start(config().deliveryListener(listener).maxRequestsInFlight(1).maxBatchSize(10));
        client.accept(event(0), buyerWithBrowser(0));
        Await.until(() -> sender.requests().size() == 1, sender::requests);
        WeakReference<OrderEvent> waiting = acceptUnreferenced(client, 1);
        Await.until(() -> client.stats().queueDepth() == 2, client::stats);
        System.gc();

        assertThat(waiting.get()).as("the order kept for the listener").isNotNull();
        assertThat(client.writtenAhead()).isZero();
        sender.release();
        Await.until(() -> told.size() == 2, told::size);
        assertThat(told).containsExactly(event(0), event(1));
    }

    /** A client whose only sender hangs until released, and which gives up on it at close() after 300 ms. */
    private CaptureClient startWithOneHangingSender() {
        sender.hold();
        return start(
                config().maxRequestsInFlight(1).maxBatchSize(10).shutdownTimeout(Duration.ofMillis(300)),
                TimeSource.SYSTEM);
    }

    @Test
    void closeSettlesEventsWrittenAheadAsUndelivered() {
        CaptureClient client = startWithOneHangingSender();
        for (int i = 0; i < 100; i++) {
            client.accept(event(i), buyerWithBrowser(i));
        }
        Await.until(() -> client.writtenAhead() >= 90, client::writtenAhead);

        client.close();

        DeliveryStats stats = client.stats();
        assertThat(stats.delivered()).isZero();
        assertThat(stats.dropped(DropReason.SHUTDOWN_TIMEOUT)).isEqualTo(100);
        assertThat(stats.queueDepth()).isZero();
        assertAccountedFor(stats);
    }

    /**
     * close() gives up on a batcher that is stuck writing an event ahead (a huge order, a stalled
     * machine): the event it holds is still settled, so accepted = delivered + dropped afterwards.
     */
    @Test
    void closeSettlesTheEventTheBatcherIsWritingWhenItGivesUpOnIt() {
        CaptureClient client = startWithOneHangingSender();
        client.accept(event(0), buyerWithBrowser(0)); // takes the only sender, which hangs
        Await.until(() -> sender.requests().size() == 1, sender::requests);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        client.beforeWriteAhead(() -> {
            writing.countDown();
            awaitUninterruptibly(release); // as a long write would: close()'s interrupt does not end it
        });
        for (int i = 1; i <= 20; i++) {
            client.accept(event(i), buyerWithBrowser(i));
        }
        Await.until(() -> writing.getCount() == 0, () -> "the batcher never began writing ahead");

        try {
            client.close();
            DeliveryStats stats = client.stats();
            assertThat(stats.accepted()).isEqualTo(21);
            assertThat(stats.delivered() + stats.droppedTotal())
                    .as("accepted = delivered + dropped after close(), in %s", stats)
                    .isEqualTo(21);
            assertThat(stats.dropped(DropReason.SHUTDOWN_TIMEOUT)).isEqualTo(21);
            assertThat(stats.queueDepth()).isZero();
        } finally {
            release.countDown();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aListenerThatThrowsErrorsChangesNothing() {
        DeliveryListener hostile = new DeliveryListener() {
            @Override
            public void onDelivered(OrderEvent event, Identity identity, UUID uuid) {
                throw new StackOverflowError("listener");
            }

            @Override
            public void onDropped(OrderEvent event, Identity identity, UUID uuid, DropReason reason) {
                throw new AssertionError("listener");
            }
        };
        CaptureClient client = start(config().deliveryListener(hostile).maxQueueSize(50));
        sender.hold();

        assertThatCode(() -> {
                    for (int i = 0; i < 200; i++) { // 50 fit; the rest are dropped at the call, telling the listener
                        client.accept(order(i), Identity.customer("cus_42"));
                    }
                })
                .doesNotThrowAnyException();
        sender.release();
        Await.until(() -> client.stats().queueDepth() == 0, client::stats);
        for (int i = 200; i < 240; i++) { // room was given back, and the senders are all still there
            client.accept(order(i), Identity.customer("cus_42"));
        }

        Await.until(() -> client.stats().delivered() == 90, client::stats);
        DeliveryStats stats = client.stats();
        assertThat(stats.dropped(DropReason.QUEUE_FULL)).isEqualTo(150);
        assertThat(stats.accepted()).isEqualTo(240);
        assertAccountedFor(stats);
    }

    @Test
    void aListenerThatInterruptsItsOwnThreadDropsNothing() {
        DeliveryListener interrupting = new DeliveryListener() {
            @Override
            public void onDelivered(OrderEvent event, Identity identity, UUID uuid) {
                Thread.currentThread().interrupt();
            }
        };
        AtomicInteger calls = new AtomicInteger();
        sender.answer(r -> calls.incrementAndGet() % 2 == 0 ? SendResult.answered(503) : SendResult.answered(200));
        CaptureClient client = start(config().deliveryListener(interrupting).maxRequestsInFlight(1));

        for (int i = 0; i < 100; i++) {
            client.accept(order(i), Identity.customer("cus_42"));
        }

        Await.until(() -> client.stats().delivered() == 100, client::stats);
        assertThat(client.stats().droppedTotal()).isZero();
    }

    @Test
    void flushRacingCloseReturnsFalseAndNeverThrows() throws Exception {
        sender.hold(); // PostHog never answers
        CaptureClient client = start(config().shutdownTimeout(Duration.ofMillis(300)), TimeSource.SYSTEM);
        client.accept(order(1), Identity.customer("cus_42"));
        CompletableFuture<Boolean> flushed = new CompletableFuture<>();
        Thread flusher = new Thread(() -> {
            try {
                flushed.complete(client.flush(Duration.ofDays(1)));
            } catch (Throwable t) {
                flushed.completeExceptionally(t);
            }
        });
        flusher.start();
        Await.until(() -> flusher.getState() == Thread.State.TIMED_WAITING || flushed.isDone(), flusher::getState);

        client.close();

        assertThat(flushed.get()).isFalse();
        assertThat(client.flush(Duration.ofSeconds(1))).isFalse();
        assertThat(client.stats().dropped(DropReason.SHUTDOWN_TIMEOUT)).isEqualTo(1);
    }

    @Test
    void timedOutFlushesLeaveNothingBehind() {
        sender.hold(); // an outage: every sender waits, so the batcher takes nothing off the queue
        CaptureClient client = start(config().maxRequestsInFlight(1).maxQueueSize(100));
        for (int i = 0; i < 100; i++) {
            client.accept(order(i), Identity.customer("cus_42"));
        }

        for (int i = 0; i < 100_000; i++) {
            assertThat(client.flush(Duration.ofMillis(1))).isFalse();
        }

        assertThat(client.flushMarkers()).isLessThanOrEqualTo(1);
        sender.release();
        Await.until(() -> client.stats().delivered() == 100, client::stats);
        assertThat(client.flushMarkers()).isZero();
    }

    @Test
    void closeKeepsItsDeadlineWithThousandsOfLeftoversAndASlowListener() {
        AtomicInteger told = new AtomicInteger();
        DeliveryListener slow = new DeliveryListener() {
            @Override
            public void onDropped(OrderEvent event, Identity identity, UUID uuid, DropReason reason) {
                LockSupport.parkNanos(1_000_000); // the slowness under test: 5,000 events take 5 s to tell
                told.incrementAndGet();
            }
        };
        sender.hold();
        CaptureClient client = start(
                config().deliveryListener(slow)
                        .shutdownTimeout(Duration.ofMillis(500))
                        .flushAt(100)
                        .maxRequestsInFlight(1),
                TimeSource.SYSTEM);
        for (int i = 0; i < 5_000; i++) {
            client.accept(order(i), Identity.customer("cus_42"));
        }

        long start = System.nanoTime();
        client.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofMillis(500 + 250));
        assertThat(client.stats().dropped(DropReason.SHUTDOWN_TIMEOUT)).isEqualTo(5_000);
        assertThat(client.stats().queueDepth()).isZero();
        sender.release();
        Await.until(() -> told.get() == 5_000, told::get); // the rest are told after close() returned
    }

    @Test
    void closeFromAnInterruptedThreadStillDrainsAndKeepsTheFlag() {
        CaptureClient client = start(config().flushAt(100).flushInterval(Duration.ofMinutes(30)), TimeSource.SYSTEM);
        for (int i = 0; i < 10; i++) {
            client.accept(order(i), Identity.customer("cus_42"));
        }

        Thread.currentThread().interrupt();
        client.close();

        assertThat(Thread.interrupted()).as("the interrupt flag, restored").isTrue();
        assertThat(client.stats().delivered()).isEqualTo(10);
    }

    @Test
    void theBatcherSurvivesAnyThrowable() {
        CaptureClient client = start(config().flushAt(100).flushInterval(Duration.ofMinutes(30)));
        int delivered = 0;
        for (Throwable failure :
                new Throwable[] {new OutOfMemoryError("simulated"), new IllegalStateException("simulated")}) {
            Await.until(clock::hasParkedThread, () -> "no thread parked");
            clock.failNextPark(failure);
            clock.advance(1); // the batcher wakes, finds nothing to send, and parks again: into the failure
            Await.until(() -> !clock.failurePending(), () -> "the failure was not thrown");

            client.accept(order(delivered), Identity.customer("cus_42"));
            Await.until(clock::hasParkedThread, () -> "no thread parked");
            clock.advance(Duration.ofMinutes(30).toNanos());

            int expected = ++delivered;
            Await.until(() -> client.stats().delivered() == expected, client::stats);
        }
    }

    @Test
    void memoryIsBoundedInBytes() {
        sender.hold();
        Order large = large(0);
        long perEvent = large.encodedSizeBound();
        CaptureClient client = start(config().maxQueueBytes(2L * 1024 * 1024));

        for (int i = 0; i < 10; i++) {
            client.accept(large(i), Identity.customer("cus_42"));
        }

        DeliveryStats stats = client.stats();
        assertThat(perEvent).isGreaterThan(400_000);
        assertThat(stats.queueDepth()).isEqualTo(4); // 4 of ~500 KiB fit in 2 MiB
        assertThat(stats.dropped(DropReason.QUEUE_FULL)).isEqualTo(6);
    }

    @Test
    void aBurstOfTenThousandTypicalOrdersIsAcceptedWholeWithDefaults() {
        sender.hold();
        CaptureClient client = start(config().profile(PostHogConfig.Profile.PRODUCTION));

        for (int i = 0; i < 10_007; i++) {
            client.accept(order(i), Identity.guest("jane@example.com"));
        }

        assertThat(client.stats().dropped(DropReason.QUEUE_FULL)).isZero();
        assertThat(client.stats().queueDepth()).isEqualTo(10_007);
    }

    @Test
    void largeOrdersAreEncodedARequestAtATime() {
        CaptureClient client = start(config().flushAt(40).maxQueueBytes(64L * 1024 * 1024));
        for (int i = 0; i < 40; i++) {
            client.accept(large(i), Identity.customer("cus_42"));
        }

        Await.until(() -> client.stats().delivered() == 40, client::stats);
        assertThat(sender.requests()).hasSizeGreaterThan(3);
        assertThat(sender.requests())
                .allSatisfy(r -> assertThat(r.bytes()).isLessThanOrEqualTo(BatchEncoder.MAX_REQUEST_BYTES));
    }

    /** An order near the size limit: 400 items with long names. */
    private static Order large(int i) {
        Order.Builder b = Order.builder("ord_large_" + i, Money.of("1000.00", "EUR"));
        for (int j = 0; j < 400; j++) {
            b.item(LineItem.builder("prod_" + j, 1, Money.of("1.00", "EUR"))
                    .name("n".repeat(900))
                    .build());
        }
        return b.build();
    }
}
