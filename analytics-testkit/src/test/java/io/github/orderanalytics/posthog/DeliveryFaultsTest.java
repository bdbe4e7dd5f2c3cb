package io.github.orderanalytics.posthog;

import static io.github.orderanalytics.posthog.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.testkit.CapturedRequest;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakeResponse;
import io.github.orderanalytics.testsupport.Await;
import io.github.orderanalytics.testsupport.Callers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The delivery guarantees of the README (and docs/architecture.md) under faults, over real HTTP to {@link FakePostHog}. */
class DeliveryFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Clients clients = new Clients();
    private final FakePostHog posthog = clients.posthog;
    private final OutcomeLog outcomes = new OutcomeLog();

    @AfterEach
    void stop() {
        clients.close();
    }

    private PostHogOrderAnalytics client(PostHogConfigBuilder config) {
        return clients.create(config.deliveryListener(outcomes));
    }

    private static void assertBalanced(DeliveryStats stats) {
        assertThat(stats.accepted())
                .as("accepted = delivered + dropped + pending in %s", stats)
                .isEqualTo(stats.delivered() + stats.droppedTotal() + stats.queueDepth());
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void retryableStatusesAreRetried(int status) {
        posthog.enqueue(FakeResponse.status(status));
        PostHogOrderAnalytics analytics = client(posthog.clientConfig());

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(posthog.requests()).extracting(r -> r.answer().status()).containsExactly(status, 200);
        assertThat(analytics.stats().delivered()).isEqualTo(1);
        assertThat(analytics.stats().retriedRequests()).isEqualTo(1);
        assertThat(analytics.stats().lastError()).contains("HTTP " + status);
        assertThat(outcomes.single())
                .containsExactly(Map.entry(PostHogEventMapper.orderPlacedUuid("ord_1"), "delivered"));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 413, 422})
    void otherStatusesDropTheLoneEventAsRejectedWithoutRetrying(int status) {
        posthog.respondByDefault(FakeResponse.status(status));
        PostHogOrderAnalytics analytics = client(posthog.clientConfig());

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(posthog.requests()).hasSize(1);
        assertThat(analytics.stats().dropped(DropReason.REJECTED)).isEqualTo(1);
        assertThat(analytics.stats().retriedRequests()).isZero();
        assertThat(outcomes.single())
                .containsExactly(Map.entry(PostHogEventMapper.orderPlacedUuid("ord_1"), "REJECTED"));
    }

    @Test
    void twoBadEventsInABatchAreBothIsolated() {
        posthog.rejectEventsWhere(e -> e.properties().get("order_id").toString().endsWith("_bad"));
        PostHogOrderAnalytics analytics =
                client(posthog.clientConfig().flushAt(16).flushInterval(Duration.ofHours(1)));

        for (int i = 0; i < 16; i++) {
            analytics.orderPlaced(order("ord_" + i + (i == 2 || i == 11 ? "_bad" : "")), Identity.customer("c"));
        }

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(posthog.events()).hasSize(14);
        assertThat(analytics.stats().dropped(DropReason.REJECTED)).isEqualTo(2);
        assertThat(outcomes.single().values().stream().filter("REJECTED"::equals))
                .hasSize(2);
    }

    @Test
    void aServerSlowerThanTheRequestTimeoutIsRetriedAndCallsStayFast() {
        posthog.enqueue(FakeResponse.ok().delayedBy(Duration.ofSeconds(3)));
        PostHogOrderAnalytics analytics = client(posthog.clientConfig().requestTimeout(Duration.ofMillis(500)));

        long slowestCall = 0;
        for (int i = 0; i < 200; i++) {
            long start = System.nanoTime();
            analytics.orderPlaced(order("ord_" + i), Identity.customer("c"));
            slowestCall = Math.max(slowestCall, System.nanoTime() - start);
        }

        assertThat(analytics.flush(WAIT)).isTrue();
        // A call that waited for the network would take at least the 500 ms request timeout.
        assertThat(Duration.ofNanos(slowestCall)).isLessThan(Duration.ofMillis(250));
        assertThat(analytics.stats().retriedRequests()).isGreaterThanOrEqualTo(1);
        assertThat(analytics.stats().lastError())
                .hasValueSatisfying(e -> assertThat(e).containsIgnoringCase("timed out"));
        assertThat(analytics.stats().delivered()).isEqualTo(200);
    }

    @Test
    void outageThenRecoveryDeliversEveryEventExactlyOnce() {
        posthog.refuseConnections();
        PostHogOrderAnalytics analytics =
                client(posthog.clientConfig().flushAt(10).maxRetries(1000));

        for (int i = 0; i < 100; i++) {
            analytics.orderPlaced(order("ord_" + i), Identity.customer("c"));
        }
        Await.until(() -> analytics.stats().retriedRequests() >= 5, WAIT, analytics::stats);
        posthog.acceptConnections();
        for (int i = 100; i < 200; i++) {
            analytics.orderPlaced(order("ord_" + i), Identity.customer("c"));
        }

        assertThat(analytics.flush(WAIT)).isTrue();
        Map<UUID, Long> received =
                posthog.events().stream().collect(Collectors.groupingBy(PostHogEvent::uuid, Collectors.counting()));
        assertThat(received)
                .hasSize(200)
                .allSatisfy((uuid, copies) -> assertThat(copies).isEqualTo(1));
        assertThat(outcomes.single()).hasSize(200).containsOnlyKeys(received.keySet());
        assertBalanced(analytics.stats());
    }

    @Test
    void aLongOutagePastTheQueueBoundDropsAndCountsWithoutThrowing() throws Exception {
        posthog.refuseConnections();
        PostHogOrderAnalytics analytics = client(
                posthog.clientConfig().maxQueueSize(100).maxRetries(1000).shutdownTimeout(Duration.ofMillis(500)));

        // Rethrows anything orderPlaced threw.
        Callers.run(
                2,
                2_500,
                (thread, i) -> analytics.orderPlaced(order("ord_" + thread + "_" + i), Identity.customer("c")));

        DeliveryStats during = analytics.stats();
        assertThat(during.queueDepth()).isLessThanOrEqualTo(100);
        assertThat(during.dropped(DropReason.QUEUE_FULL)).isGreaterThanOrEqualTo(4_900);
        assertThat(during.accepted()).isEqualTo(5_000);
        analytics.close();
        DeliveryStats after = analytics.stats();
        assertThat(after.queueDepth()).isZero();
        assertThat(after.delivered() + after.droppedTotal()).isEqualTo(5_000);
        assertThat(outcomes.single()).hasSize(5_000);
    }

    @Test
    void sixteenThreadsWhileTheServerFlapsAccountForEveryEvent() throws Exception {
        posthog.respondByDefault(() -> {
            int dice = ThreadLocalRandom.current().nextInt(10);
            return dice == 0 ? FakeResponse.status(503) : dice == 1 ? FakeResponse.disconnect() : FakeResponse.ok();
        });
        PostHogOrderAnalytics analytics =
                client(posthog.clientConfig().flushAt(20).maxRetries(1000));
        AtomicBoolean flapping = new AtomicBoolean(true);
        Thread chaos = new Thread(() -> {
            while (flapping.get()) {
                posthog.refuseConnections();
                java.util.concurrent.locks.LockSupport.parkNanos(30_000_000);
                posthog.acceptConnections();
                java.util.concurrent.locks.LockSupport.parkNanos(60_000_000);
            }
        });
        chaos.start();

        Callers.run(
                16,
                300,
                (thread, i) ->
                        analytics.orderPlaced(order("ord_" + thread + "_" + i), Identity.customer("cus_" + thread)));
        flapping.set(false);
        chaos.join();
        posthog.acceptConnections();
        posthog.respondByDefault(FakeResponse.ok());

        assertThat(analytics.flush(WAIT)).isTrue();
        DeliveryStats stats = analytics.stats();
        assertThat(stats.accepted()).isEqualTo(4_800);
        assertThat(stats.delivered() + stats.droppedTotal()).isEqualTo(4_800);
        assertThat(stats.queueDepth()).isZero();
        Map<UUID, String> perUuid = outcomes.single();
        assertThat(perUuid).hasSize(4_800);
        Map<UUID, Long> received =
                posthog.events().stream().collect(Collectors.groupingBy(PostHogEvent::uuid, Collectors.counting()));
        List<UUID> delivered = perUuid.entrySet().stream()
                .filter(e -> e.getValue().equals("delivered"))
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(delivered);
        // Faults come before the answer here, so no response was lost and nothing arrived twice.
        assertThat(received.values()).allMatch(copies -> copies == 1);
    }

    @Test
    void closeUnderASlowServerKeepsItsDeadlineAndReportsWhatWasLeft() {
        posthog.respondByDefault(FakeResponse.ok().delayedBy(Duration.ofMillis(400)));
        PostHogOrderAnalytics analytics = client(posthog.clientConfig()
                .flushAt(10)
                .maxBatchSize(10)
                .maxRequestsInFlight(1)
                .shutdownTimeout(Duration.ofSeconds(1)));
        for (int i = 0; i < 300; i++) {
            analytics.orderPlaced(order("ord_" + i), Identity.customer("c"));
        }

        assertThat(Clients.timeToClose(analytics)).isLessThan(Duration.ofMillis(2_000));
        DeliveryStats stats = analytics.stats();
        assertThat(stats.delivered()).isBetween(1L, 299L);
        assertThat(stats.dropped(DropReason.SHUTDOWN_TIMEOUT)).isEqualTo(300 - stats.delivered());
        assertBalanced(stats);
        assertThat(outcomes.single()).hasSize(300);
    }

    @Test
    void aThrowingListenerChangesNothing() {
        AtomicInteger calls = new AtomicInteger();
        PostHogOrderAnalytics analytics = PostHogOrderAnalytics.create(posthog.clientConfig()
                .deliveryListener(new DeliveryListener() {
                    @Override
                    public void onDelivered(OrderEvent event, Identity identity, UUID uuid) {
                        calls.incrementAndGet();
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build());
        clients.track(analytics);

        for (int i = 0; i < 20; i++) {
            analytics.orderPlaced(order("ord_" + i), Identity.customer("c"));
        }

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(calls).hasValue(20);
        assertThat(analytics.stats().delivered()).isEqualTo(20);
        assertThat(posthog.events()).hasSize(20);
    }

    @Test
    void dropsAtTheCallReachTheListenerToo() {
        PostHogOrderAnalytics disabled = PostHogOrderAnalytics.create(
                PostHogConfig.builder().deliveryListener(outcomes).build());
        disabled.orderPlaced(order("ord_d"), Identity.customer("c"));
        PostHogOrderAnalytics closed = client(posthog.clientConfig());
        closed.close();
        closed.orderPlaced(order("ord_c"), Identity.customer("c"));

        Map<UUID, String> expected = new HashMap<>();
        expected.put(PostHogEventMapper.orderPlacedUuid("ord_d"), "DISABLED");
        expected.put(PostHogEventMapper.orderPlacedUuid("ord_c"), "CLOSED");
        assertThat(outcomes.single()).isEqualTo(expected);
    }

    @Test
    void aCustomHttpClientIsUsed() {
        AtomicLong tasks = new AtomicLong();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(command -> {
                    tasks.incrementAndGet();
                    executor.execute(command);
                })
                .build();
        PostHogOrderAnalytics analytics = client(posthog.clientConfig().httpClient(http));

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(posthog.events()).hasSize(1);
        assertThat(tasks.get()).as("tasks run on the custom client's executor").isPositive();
        executor.shutdown();
    }

    @Test
    void everyRequestStaysUnderTheSizeLimits() {
        PostHogOrderAnalytics analytics =
                client(posthog.clientConfig().gzip(false).flushAt(500).flushInterval(Duration.ofHours(1)));
        Order big = Order.builder("big", order("x").total())
                .property("blob", "x".repeat(400_000))
                .build();

        for (int i = 0; i < 30; i++) {
            analytics.orderPlaced(big.toBuilder().build(), Identity.customer("c"));
        }

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(posthog.requests())
                .hasSizeGreaterThan(1)
                .allSatisfy(r -> assertThat(r.body().length()).isLessThan(6 * 1024 * 1024));
        assertThat(posthog.requests().stream().mapToInt(r -> r.events().size()).sum())
                .isEqualTo(30);
        assertThat(posthog.requests()).extracting(CapturedRequest::accepted).containsOnly(true);
    }

    @Test
    void aBodyThatStallsAfterTheHeadersHoldsNoSender() {
        posthog.enqueue(FakeResponse.ok().thenBodyStalls(Duration.ofSeconds(30)));
        PostHogOrderAnalytics analytics = client(
                posthog.clientConfig().requestTimeout(Duration.ofSeconds(1)).maxRequestsInFlight(1));

        analytics.orderPlaced(Orders.order("ord_stalled_body"), Identity.customer("cus_42"));
        assertThat(analytics.flush(Duration.ofSeconds(5)))
                .as("settled on the status alone")
                .isTrue();
        analytics.orderPlaced(Orders.order("ord_next"), Identity.customer("cus_42"));

        assertThat(analytics.flush(Duration.ofSeconds(5)))
                .as("the one sender is free again")
                .isTrue();
        assertThat(analytics.stats().delivered()).isEqualTo(2);
    }

    @Test
    void anEndlessBodyIsCutShortAndHoldsNoSender() {
        posthog.enqueue(FakeResponse.ok().thenEndlessBody());
        PostHogOrderAnalytics analytics = client(
                posthog.clientConfig().requestTimeout(Duration.ofSeconds(1)).maxRequestsInFlight(1));

        analytics.orderPlaced(Orders.order("ord_endless_body"), Identity.customer("cus_42"));
        assertThat(analytics.flush(Duration.ofSeconds(5))).isTrue();
        analytics.orderPlaced(Orders.order("ord_next"), Identity.customer("cus_42"));

        assertThat(analytics.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(analytics.stats().delivered()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void redirectsAreNotFollowedSoTheApiKeyStaysHome(int status) {
        posthog.enqueue(FakeResponse.redirect(status, posthog.host() + "/elsewhere/"));
        PostHogOrderAnalytics analytics = client(posthog.clientConfig());

        analytics.orderPlaced(Orders.order("ord_redirected"), Identity.customer("cus_42"));

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(analytics.stats().dropped(DropReason.REJECTED)).isEqualTo(1);
        assertThat(posthog.requests()).extracting(CapturedRequest::path).containsExactly("/batch/");
    }

    @Test
    void aWrongPathLogsOneErrorNotOnePerRequest() {
        posthog.respondByDefault(FakeResponse.status(404));
        PostHogOrderAnalytics analytics = client(posthog.clientConfig());
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 20; i++) {
                analytics.orderPlaced(Orders.order("ord_404_" + i), Identity.customer("cus_42"));
                assertThat(analytics.flush(WAIT)).isTrue();
            }
        } finally {
            System.setErr(original);
        }

        assertThat(analytics.stats().dropped(DropReason.REJECTED)).isEqualTo(20);
        assertThat(err.toString(StandardCharsets.UTF_8)).containsOnlyOnce("PostHog answered HTTP 404");
    }
}
