package io.github.orderanalytics.posthog;

import static io.github.orderanalytics.posthog.Orders.cancellation;
import static io.github.orderanalytics.posthog.Orders.order;
import static io.github.orderanalytics.posthog.Orders.refund;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.testkit.BrowserIds;
import io.github.orderanalytics.testkit.CapturedRequest;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakeResponse;
import io.github.orderanalytics.testkit.OrderAnalyticsAssertions;
import io.github.orderanalytics.testsupport.Await;
import io.github.orderanalytics.testsupport.Callers;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The built-in client against {@link FakePostHog}, over real HTTP on loopback. */
class CaptureClientDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Clients clients = new Clients();
    private final FakePostHog posthog = clients.posthog;

    @AfterEach
    void stop() {
        clients.close();
    }

    private PostHogOrderAnalytics client(PostHogConfigBuilder config) {
        return clients.create(config);
    }

    private PostHogOrderAnalytics client() {
        return client(posthog.clientConfig());
    }

    @Test
    void deliversTheMappedEventInTheDocumentedEnvelope() {
        PostHogOrderAnalytics analytics = client();
        Order order = order("ord_1001");

        analytics.orderPlaced(order, Identity.customer("cus_42"));

        List<PostHogEvent> events = posthog.awaitEvents(1, WAIT);
        assertThat(events)
                .containsExactly(
                        PostHogEventMapper.create(analytics.config()).orderPlaced(order, Identity.customer("cus_42")));
        CapturedRequest request = posthog.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/batch/");
        assertThat(request.gzipped()).isTrue();
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("User-Agent"))
                .isEqualTo("order-analytics-java/" + System.getProperty("project.version"));
        assertThat(request.apiKey()).isEqualTo(FakePostHog.API_KEY);
        assertThat(request.body()).containsPattern("\"sent_at\":\"[0-9T:.\\-]+Z\"}$");
        Await.until(() -> analytics.stats().delivered() == 1, WAIT, analytics::stats);
        assertThat(analytics.stats().queueDepth()).isZero();
    }

    @Test
    void guestAndAnonymousOrdersArrivePersonlessAndTheEmailIsNeverSent() {
        PostHogOrderAnalytics analytics = client(posthog.clientConfig().gzip(false));

        analytics.orderPlaced(order("ord_guest"), Identity.guest(" Jane.Doe@Example.com "));
        String session =
                BrowserIds.sessionStartedAt(order("ord_anon").placedAt().minusSeconds(60));
        analytics.orderPlaced(
                order("ord_anon"), Identity.anonymous("0192f7a3-5c1e").withSessionId(session));

        posthog.awaitEvents(2, WAIT);
        assertThat(posthog.requests()).allSatisfy(r -> assertThat(r.body()).doesNotContainIgnoringCase("jane.doe"));
        OrderAnalyticsAssertions.assertThat(posthog)
                .receivedOrder("ord_guest")
                .isPersonless()
                .hasIdentityType("guest")
                .hasDistinctId(PostHogEventMapper.create(analytics.config())
                        .orderPlaced(order("ord_guest"), Identity.guest("jane.doe@example.com"))
                        .distinctId());
        OrderAnalyticsAssertions.assertThat(posthog)
                .receivedOrder("ord_anon")
                .isPersonless()
                .hasIdentityType("anonymous")
                .hasDistinctId("0192f7a3-5c1e")
                .hasProperty("$session_id", session);
    }

    @Test
    void sendsUncompressedWhenGzipIsOff() {
        PostHogOrderAnalytics analytics = client(posthog.clientConfig().gzip(false));

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

        posthog.awaitEvents(1, WAIT);
        assertThat(posthog.requests().get(0).gzipped()).isFalse();
        assertThat(posthog.requests().get(0).header("Content-Encoding")).isNull();
    }

    @Test
    void batchesByCountUpToMaxBatchSize() {
        PostHogOrderAnalytics analytics =
                client(posthog.clientConfig().flushAt(10).maxBatchSize(10).flushInterval(Duration.ofMinutes(10)));

        for (int i = 0; i < 25; i++) {
            analytics.orderPlaced(order("ord_" + i), Identity.customer("c"));
        }

        posthog.awaitEvents(20, WAIT);
        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(posthog.requests())
                .as("requests")
                .extracting(r -> r.events().size())
                .containsExactly(10, 10, 5);
        assertThat(posthog.events())
                .extracting(e -> e.properties().get("order_id"))
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 25).mapToObj(i -> "ord_" + i).collect(Collectors.toList()));
    }

    @Test
    void sendsWhatIsWaitingEveryFlushInterval() {
        PostHogOrderAnalytics analytics =
                client(posthog.clientConfig().flushAt(100).flushInterval(Duration.ofMillis(200)));

        for (int i = 0; i < 3; i++) {
            analytics.orderPlaced(order("ord_" + i), Identity.customer("c"));
        }

        posthog.awaitEvents(3, WAIT);
        assertThat(posthog.requests()).hasSize(1);
    }

    @Test
    void flushSendsAtOnceAndWaitsForDelivery() {
        PostHogOrderAnalytics analytics =
                client(posthog.clientConfig().flushAt(100).flushInterval(Duration.ofHours(1)));
        for (int i = 0; i < 5; i++) {
            analytics.orderPlaced(order("ord_" + i), Identity.customer("c"));
        }

        assertThat(analytics.flush(WAIT)).isTrue();

        assertThat(posthog.events()).hasSize(5);
        assertThat(analytics.stats().delivered()).isEqualTo(5);
        assertThat(analytics.flush(WAIT)).as("an idle flush").isTrue();
    }

    @Test
    void retriesAfter503() {
        posthog.enqueue(FakeResponse.status(503), FakeResponse.status(502));
        PostHogOrderAnalytics analytics = client();

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(posthog.requests()).extracting(r -> r.answer().status()).containsExactly(503, 502, 200);
        assertThat(posthog.events()).hasSize(1);
        DeliveryStats stats = analytics.stats();
        assertThat(stats.retriedRequests()).isEqualTo(2);
        assertThat(stats.delivered()).isEqualTo(1);
        assertThat(stats.lastError()).contains("HTTP 502");
    }

    @Test
    void anAnswerLostAfterPostHogTookTheBatchMeansTheSameUuidTwice() {
        posthog.enqueue(FakeResponse.acceptedThenDisconnect());
        PostHogOrderAnalytics analytics = client();

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

        assertThat(analytics.flush(WAIT)).isTrue();
        UUID uuid = PostHogEventMapper.orderPlacedUuid("ord_1");
        assertThat(posthog.events()).extracting(PostHogEvent::uuid).containsExactly(uuid, uuid);
        assertThat(analytics.stats().delivered()).isEqualTo(1);
    }

    @Test
    void refundsAndCancellationsTravelWithOrdersAndAreCountedByKind() {
        PostHogOrderAnalytics analytics = client();
        PostHogEventMapper mapper = PostHogEventMapper.create(analytics.config());
        Identity buyer = Identity.customer("cus_42");

        analytics.orderPlaced(order("ord_1"), buyer);
        analytics.orderRefunded(refund("ord_1", "re_1"), buyer);
        analytics.orderRefunded(refund("ord_1", "re_2"), buyer);
        analytics.orderCancelled(cancellation("ord_2"), buyer);

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(posthog.events())
                .containsExactlyInAnyOrder(
                        mapper.orderPlaced(order("ord_1"), buyer),
                        mapper.orderRefunded(refund("ord_1", "re_1"), buyer),
                        mapper.orderRefunded(refund("ord_1", "re_2"), buyer),
                        mapper.orderCancelled(cancellation("ord_2"), buyer));
        OrderAnalyticsAssertions.assertThat(posthog)
                .receivedRefund("ord_1", "re_2")
                .hasTotal("25.00", "EUR")
                .hasRevenue("-21.00", "EUR")
                .hasUuidOfItsOrder();
        OrderAnalyticsAssertions.assertThat(posthog)
                .receivedCancellation("ord_2")
                .hasUuidOfItsOrder();
        DeliveryStats stats = analytics.stats();
        assertThat(stats.of(OrderEvent.Kind.PLACED).delivered()).isEqualTo(1);
        assertThat(stats.of(OrderEvent.Kind.REFUNDED).delivered()).isEqualTo(2);
        assertThat(stats.of(OrderEvent.Kind.CANCELLED).delivered()).isEqualTo(1);
        assertThat(stats.delivered()).isEqualTo(4);
    }

    @Test
    void aRefundSentTwiceAfterALostAnswerIsCountedOnceAndNetRevenueHolds() {
        posthog.enqueue(FakeResponse.ok(), FakeResponse.acceptedThenDisconnect());
        PostHogOrderAnalytics analytics = client();
        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));
        assertThat(analytics.flush(WAIT)).isTrue();

        analytics.orderRefunded(refund("ord_1", "re_1"), Identity.customer("c"));

        assertThat(analytics.flush(WAIT)).isTrue();
        UUID uuid = PostHogEventMapper.orderRefundedUuid("ord_1", "re_1");
        assertThat(posthog.events())
                .extracting(PostHogEvent::uuid)
                .containsOnlyOnce(PostHogEventMapper.orderPlacedUuid("ord_1"));
        assertThat(posthog.events()).filteredOn(e -> e.uuid().equals(uuid)).hasSize(2);
        assertThat(posthog.countedEvents()).extracting(PostHogEvent::uuid).containsOnlyOnce(uuid);
        BigDecimal netRevenue = posthog.countedEvents().stream()
                .map(e -> (BigDecimal) e.properties().get("revenue"))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(netRevenue).isEqualByComparingTo("21.00"); // 42.00 placed, 21.00 given back once
    }

    @Test
    void retriesAfterADroppedConnection() {
        posthog.enqueue(FakeResponse.disconnect());
        PostHogOrderAnalytics analytics = client();

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(posthog.requests()).hasSize(2);
        assertThat(posthog.events())
                .extracting(PostHogEvent::uuid)
                .containsExactly(PostHogEventMapper.orderPlacedUuid("ord_1"));
        assertThat(analytics.stats().retriedRequests()).isEqualTo(1);
    }

    @Test
    void retriesUntilARefusingServerComesBack() {
        posthog.refuseConnections();
        PostHogOrderAnalytics analytics = client();

        Instant before = Instant.now();
        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));
        Await.until(() -> analytics.stats().retriedRequests() >= 2, WAIT, analytics::stats);
        DeliveryStats outage = analytics.stats();
        assertThat(outage.failingSince()).hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(before));
        assertThat(outage.lastDeliveredAt()).isEmpty();
        posthog.acceptConnections();

        assertThat(posthog.awaitEvents(1, WAIT)).hasSize(1);
        assertThat(analytics.flush(WAIT)).isTrue();
        DeliveryStats recovered = analytics.stats();
        assertThat(recovered.lastError()).hasValueSatisfying(e -> assertThat(e).contains("ConnectException"));
        assertThat(recovered.failingSince()).as("over once a request succeeds").isEmpty();
        assertThat(recovered.lastDeliveredAt())
                .hasValueSatisfying(
                        t -> assertThat(t).isAfter(outage.failingSince().orElseThrow()));
    }

    @Test
    void honoursRetryAfter() {
        posthog.enqueue(FakeResponse.status(429).retryAfter("1"));
        PostHogOrderAnalytics analytics = client();

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

        assertThat(analytics.flush(WAIT)).isTrue();
        List<CapturedRequest> requests = posthog.requests();
        assertThat(requests).hasSize(2);
        assertThat(Duration.between(
                        requests.get(0).receivedAt(), requests.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void dropsAfterTheRetryBudgetAndCountsIt() {
        posthog.respondByDefault(FakeResponse.status(503));
        PostHogOrderAnalytics analytics = client(posthog.clientConfig().maxRetries(2));

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(posthog.requests()).hasSize(3);
        DeliveryStats stats = analytics.stats();
        assertThat(stats.dropped(DropReason.RETRIES_EXHAUSTED)).isEqualTo(1);
        assertThat(stats.delivered()).isZero();
        assertThat(stats.queueDepth()).isZero();
    }

    @Test
    void aBadEventIsIsolatedAndOnlyItIsDropped() {
        posthog.rejectEventsWhere(e -> "ord_bad".equals(e.properties().get("order_id")));
        PostHogOrderAnalytics analytics =
                client(posthog.clientConfig().flushAt(8).flushInterval(Duration.ofHours(1)));

        for (int i = 0; i < 7; i++) {
            analytics.orderPlaced(order(i == 3 ? "ord_bad" : "ord_" + i), Identity.customer("c"));
        }
        analytics.orderPlaced(order("ord_7"), Identity.customer("c"));

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(posthog.events())
                .hasSize(7)
                .noneMatch(e -> "ord_bad".equals(e.properties().get("order_id")));
        assertThat(analytics.stats().dropped(DropReason.REJECTED)).isEqualTo(1);
        assertThat(analytics.stats().delivered()).isEqualTo(7);
        assertThat(analytics.stats().retriedRequests()).isZero();
    }

    @Test
    void tooLargeSplitsTheBatch() {
        posthog.enqueue(FakeResponse.status(413));
        PostHogOrderAnalytics analytics =
                client(posthog.clientConfig().flushAt(4).flushInterval(Duration.ofHours(1)));

        for (int i = 0; i < 4; i++) {
            analytics.orderPlaced(order("ord_" + i), Identity.customer("c"));
        }

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(posthog.requests()).extracting(r -> r.events().size()).containsExactly(4, 2, 2);
        assertThat(posthog.events()).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void aRefusedApiKeyDropsWithoutRetryingAsApiKeyRefused(int status) {
        posthog.respondByDefault(FakeResponse.status(status));
        PostHogOrderAnalytics analytics = client();

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));
        analytics.orderPlaced(order("ord_2"), Identity.customer("c"));

        assertThat(analytics.flush(WAIT)).isTrue();
        assertThat(analytics.stats().dropped(DropReason.API_KEY_REFUSED)).isEqualTo(2);
        assertThat(analytics.stats().dropped(DropReason.REJECTED)).isZero();
        assertThat(analytics.stats().retriedRequests()).isZero();
    }

    @Test
    void flushGivesUpAtItsTimeout() {
        posthog.respondByDefault(FakeResponse.status(503));
        PostHogOrderAnalytics analytics =
                client(posthog.clientConfig().maxRetries(1000).shutdownTimeout(Duration.ofMillis(300)));

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

        assertThat(analytics.flush(Duration.ofMillis(300))).isFalse();
        assertThat(analytics.stats().queueDepth()).isEqualTo(1);
    }

    @Test
    void closeDeliversWhatIsLeft() {
        PostHogOrderAnalytics analytics =
                client(posthog.clientConfig().flushAt(100).flushInterval(Duration.ofHours(1)));
        for (int i = 0; i < 50; i++) {
            analytics.orderPlaced(order("ord_" + i), Identity.customer("c"));
        }

        analytics.close();

        assertThat(posthog.events()).hasSize(50);
        assertThat(analytics.stats().delivered()).isEqualTo(50);
    }

    @Test
    void closeKeepsItsDeadlineAgainstAnUnreachableHost() {
        posthog.refuseConnections();
        PostHogOrderAnalytics analytics = client(
                posthog.clientConfig().shutdownTimeout(Duration.ofSeconds(1)).maxRetries(1000));
        for (int i = 0; i < 10; i++) {
            analytics.orderPlaced(order("ord_" + i), Identity.customer("c"));
        }

        assertThat(Clients.timeToClose(analytics)).isLessThan(Duration.ofMillis(2500));
        DeliveryStats stats = analytics.stats();
        assertThat(stats.dropped(DropReason.SHUTDOWN_TIMEOUT)).isEqualTo(10);
        assertThat(stats.queueDepth()).isZero();
        assertThat(stats.accepted()).isEqualTo(stats.delivered() + stats.droppedTotal());
    }

    /** A client that has sent one order to a server that takes it and never answers. */
    private PostHogOrderAnalytics oneOrderToAServerThatNeverAnswers(Duration shutdownTimeout) {
        posthog.respondByDefault(FakeResponse.ok().delayedBy(Duration.ofMinutes(5)));
        PostHogOrderAnalytics analytics = client(
                posthog.clientConfig().requestTimeout(Duration.ofMinutes(1)).shutdownTimeout(shutdownTimeout));
        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));
        posthog.awaitRequests(1, WAIT);
        return analytics;
    }

    @Test
    void flushKeepsItsDeadlineAgainstAServerThatNeverAnswers() {
        PostHogOrderAnalytics analytics = oneOrderToAServerThatNeverAnswers(Duration.ofMillis(500));

        Instant start = Instant.now();
        boolean drained = analytics.flush(Duration.ofMillis(500));

        assertThat(drained).isFalse();
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void closeKeepsItsDeadlineAgainstAServerThatNeverAnswers() {
        PostHogOrderAnalytics analytics = oneOrderToAServerThatNeverAnswers(Duration.ofSeconds(1));

        assertThat(Clients.timeToClose(analytics)).isLessThan(Duration.ofMillis(2500));
        assertThat(analytics.stats().dropped(DropReason.SHUTDOWN_TIMEOUT)).isEqualTo(1);
    }

    @Test
    void callsAfterCloseAreCountedAsDropped() {
        PostHogOrderAnalytics analytics = client();
        analytics.close();
        analytics.close();

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

        assertThat(analytics.stats().dropped(DropReason.CLOSED)).isEqualTo(1);
        assertThat(analytics.stats().accepted()).isEqualTo(1);
        assertThat(posthog.requests()).isEmpty();
    }

    @Test
    void aFullQueueDropsNewEventsAndCountsThem() {
        posthog.refuseConnections();
        PostHogOrderAnalytics analytics = client(
                posthog.clientConfig().maxQueueSize(10).maxRetries(1000).shutdownTimeout(Duration.ofMillis(300)));

        for (int i = 0; i < 25; i++) {
            analytics.orderPlaced(order("ord_" + i), Identity.customer("c"));
        }

        DeliveryStats stats = analytics.stats();
        assertThat(stats.accepted()).isEqualTo(25);
        assertThat(stats.dropped(DropReason.QUEUE_FULL)).isEqualTo(15);
        assertThat(stats.queueDepth()).isEqualTo(10);
    }

    @Test
    void manyThreadsAtOnceDeliverEveryOrderOnce() throws Exception {
        PostHogOrderAnalytics analytics =
                client(posthog.clientConfig().flushAt(50).flushInterval(Duration.ofMillis(50)));
        int threads = 8;
        int perThread = 500;
        Callers.run(
                threads,
                perThread,
                (thread, i) ->
                        analytics.orderPlaced(order("ord_" + thread + "_" + i), Identity.customer("cus_" + thread)));

        assertThat(analytics.flush(WAIT)).isTrue();
        Set<UUID> expected = IntStream.range(0, threads)
                .boxed()
                .flatMap(t -> IntStream.range(0, perThread)
                        .mapToObj(i -> PostHogEventMapper.orderPlacedUuid("ord_" + t + "_" + i)))
                .collect(Collectors.toSet());
        List<UUID> received = posthog.events().stream().map(PostHogEvent::uuid).collect(Collectors.toList());
        assertThat(received).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(Set.copyOf(received)).isEqualTo(expected);
        assertThat(analytics.stats().delivered()).isEqualTo(threads * perThread);
    }

    @Test
    void withoutAnApiKeyTheClientIsDisabledAndSendsNothing() {
        PostHogConfig noKey = PostHogConfig.builder().host(posthog.host()).build();
        long senderThreadsBefore = senderThreads();

        try (PostHogOrderAnalytics analytics = PostHogOrderAnalytics.create(noKey)) {
            analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

            assertThat(analytics.isEnabled()).isFalse();
            assertThat(analytics.flush(WAIT)).isTrue();
            assertThat(analytics.stats().dropped(DropReason.DISABLED)).isEqualTo(1);
            assertThat(senderThreads()).isEqualTo(senderThreadsBefore);
        }
        assertThat(posthog.requests()).isEmpty();
    }

    private static long senderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("order-analytics-"))
                .count();
    }
}
