package io.github.orderanalytics.posthog.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.EncodedEvent;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogConfigBuilder;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.CapturedRequest;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakeResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation over real HTTP against FakePostHog's capture and query API, whose rules are PostHog's:
 * a 200 that stores nothing, OFFSET refused, the 50,000-row cut, naked times in the project's zone.
 */
class PostHogReconcilerTest {
    /** Two hours ago, to the microsecond: past the default settle time, as PostHog keeps it. */
    private static final Instant PLACED =
            Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MICROS);

    private final FakePostHog posthog = FakePostHog.start();
    private final List<PostHogOrderAnalytics> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(PostHogOrderAnalytics::close);
        posthog.close();
    }

    private PostHogOrderAnalytics client(PostHogConfigBuilder config) {
        PostHogOrderAnalytics client = PostHogOrderAnalytics.create(config.build());
        clients.add(client);
        return client;
    }

    private PostHogOrderAnalytics client() {
        return client(posthog.clientConfig());
    }

    private static Order order(String id, Instant at) {
        return Order.builder(id, Money.of("49.99", "EUR"))
                .placedAt(at)
                .tax(Money.of("7.99", "EUR"))
                .build();
    }

    /** Reports each expected event through {@code client} and waits until PostHog answered. */
    private static void report(PostHogOrderAnalytics client, List<ExpectedEvent> events) {
        for (ExpectedEvent e : events) {
            e.event().reportTo(client, e.identity());
        }
        assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
    }

    private static ExpectedEvent placed(String id, String customer) {
        return ExpectedEvent.of(order(id, PLACED), Identity.customer(customer));
    }

    private static Set<String> orderIds(List<ExpectedEvent> events) {
        return Set.copyOf(events.stream().map(e -> e.event().orderId()).toList());
    }

    @Test
    void silentDropsAreFoundExactlyAndRepairedAndTheNextCheckIsComplete() throws Exception {
        PostHogOrderAnalytics client = client();
        List<ExpectedEvent> expected = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            expected.add(placed("ord_" + i, "cus_" + i));
        }
        expected.add(ExpectedEvent.of(
                Refund.builder("ord_1", "re_1", Money.of("20.00", "EUR"))
                        .refundedAt(PLACED.plusSeconds(60))
                        .build(),
                Identity.customer("cus_1")));
        expected.add(ExpectedEvent.of(
                Cancellation.builder("ord_3")
                        .cancelledAt(PLACED.plusSeconds(90))
                        .build(),
                Identity.customer("cus_3")));
        posthog.dropSilently(
                e -> Set.of("ord_2", "ord_4").contains(e.properties().get("order_id"))
                        && e.event().equals("order_placed"));
        report(client, expected);
        PostHogReconciler reconciler = PostHogReconciler.create(client);

        Reconciliation result = reconciler.check(PLACED.minusSeconds(3600), Instant.now(), expected);

        assertThat(result.expected()).isEqualTo(7);
        assertThat(result.found()).isEqualTo(5);
        assertThat(result.isComplete()).isFalse();
        assertThat(orderIds(result.missing())).containsExactlyInAnyOrder("ord_2", "ord_4");
        assertThat(result.unexpected()).isEmpty();
        assertThat(result.mismatched()).isEmpty();
        assertThat(result.judgedUntil()).isBefore(Instant.now().minus(Duration.ofMinutes(59)));

        posthog.dropSilently(e -> false); // the project is back under its limit
        int batchesBefore = posthog.requests().size();
        Repair repair = reconciler.repair(result);

        assertThat(repair).isEqualTo(new Repair(2, 0));
        assertThat(posthog.requests().subList(batchesBefore, posthog.requests().size()))
                .flatExtracting(CapturedRequest::events)
                .extracting(e -> e.properties().get("order_id"))
                .as("the missing events only")
                .containsExactlyInAnyOrder("ord_2", "ord_4");
        Reconciliation again = reconciler.check(PLACED.minusSeconds(3600), Instant.now(), expected);
        assertThat(again.isComplete()).isTrue();
        assertThat(again.found()).isEqualTo(7);
    }

    @Test
    void unexpectedAndMismatchedEventsAreReportedAndNeverRepaired() throws Exception {
        PostHogOrderAnalytics client = client();
        report(client, List.of(placed("ord_a", "cus_a"), placed("ord_b", "cus_b"), placed("ord_test", "cus_qa")));
        Order changed = Order.builder("ord_b", Money.of("59.99", "EUR"))
                .placedAt(PLACED)
                .build();
        List<ExpectedEvent> shop = List.of(
                placed("ord_a", "cus_other"), // the identity changed since it was sent
                ExpectedEvent.of(changed, Identity.customer("cus_b")));
        PostHogReconciler reconciler = PostHogReconciler.create(client);

        Reconciliation result = reconciler.check(PLACED.minusSeconds(60), PLACED.plusSeconds(60), shop);

        UUID a = PostHogEventMapper.orderPlacedUuid("ord_a");
        UUID b = PostHogEventMapper.orderPlacedUuid("ord_b");
        assertThat(result.isComplete()).isTrue();
        assertThat(result.unexpected()).singleElement().satisfies(e -> {
            assertThat(e.orderId()).isEqualTo("ord_test");
            assertThat(e.distinctId()).isEqualTo("cus_qa");
            assertThat(e.event()).isEqualTo("order_placed");
            assertThat(e.timestamp()).isEqualTo(PLACED);
        });
        assertThat(result.mismatched())
                .containsExactlyInAnyOrder(
                        new Mismatch(a, "distinct_id", "cus_other", "cus_a"),
                        new Mismatch(b, "total", "59.99", "49.99"),
                        new Mismatch(b, "revenue", "59.99", "42.0"));
        int requests = posthog.requests().size();
        assertThat(reconciler.repair(result)).isEqualTo(new Repair(0, 0));
        assertThat(posthog.requests()).as("nothing sent").hasSize(requests);
    }

    @Test
    void aWrongKeyOrProjectFailsTheCheckNamingTheSettingAndSendsNothing() {
        String wrongKey = "phx_not_the_right_one";
        PostHogReconciler wrongKeyReconciler =
                PostHogReconciler.create(client(posthog.clientConfig().personalApiKey(wrongKey)));
        PostHogReconciler otherProject =
                PostHogReconciler.create(client(posthog.clientConfig().projectId("2")));

        assertThatThrownBy(
                        () -> wrongKeyReconciler.check(PLACED, PLACED.plusSeconds(60), List.of(placed("ord_1", "c"))))
                .isInstanceOf(PostHogQueryException.class)
                .hasMessageContaining("POSTHOG_PERSONAL_API_KEY")
                .hasMessageNotContaining(wrongKey)
                .satisfies(e -> assertThat(((PostHogQueryException) e).status()).isEqualTo(401));
        assertThatThrownBy(() -> otherProject.check(PLACED, PLACED.plusSeconds(60), List.of()))
                .isInstanceOf(PostHogQueryException.class)
                .hasMessageContaining("query:read")
                .hasMessageContaining("POSTHOG_PROJECT_ID");
        assertThat(posthog.requests()).as("no batch sent").isEmpty();
    }

    @Test
    void withoutQuerySettingsAReconcilerCannotBeMadeAndSaysWhatToSet() {
        PostHogOrderAnalytics plain =
                client(PostHogConfig.builder().apiKey(FakePostHog.API_KEY).host(posthog.host()));

        assertThatThrownBy(() -> PostHogReconciler.create(plain))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POSTHOG_PERSONAL_API_KEY")
                .hasMessageContaining("POSTHOG_PROJECT_ID");
    }

    /** Small pages over events that share one timestamp, at the period's edges, in a zone far from UTC. */
    @Test
    void pagesOnTimestampAndUuidAcrossEqualTimesAndThePeriodsEdgesInAnyProjectZone() throws Exception {
        posthog.projectTimeZone(ZoneId.of("Pacific/Kiritimati")); // UTC+14: a naked time would be 14 hours off
        PostHogOrderAnalytics client = client();
        Instant from = PLACED.minusSeconds(600);
        Instant to = PLACED.plusSeconds(600);
        List<ExpectedEvent> inside = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            inside.add(placed("ord_same_" + i, "cus_" + i)); // all at PLACED
        }
        inside.add(ExpectedEvent.of(order("ord_at_start", from), Identity.customer("cus_s")));
        List<ExpectedEvent> outside = List.of(
                ExpectedEvent.of(order("ord_at_end", to), Identity.customer("cus_e")),
                ExpectedEvent.of(order("ord_before", from.minusNanos(1000)), Identity.customer("cus_b")));
        List<ExpectedEvent> all = new ArrayList<>(inside);
        all.addAll(outside);
        report(client, all);
        PostHogReconciler reconciler =
                PostHogReconciler.builder(client).pageSize(4).build();

        Reconciliation result = reconciler.check(from, to, all);

        assertThat(result.expected()).isEqualTo(24);
        assertThat(result.found()).isEqualTo(24);
        assertThat(result.notJudged()).isEqualTo(2);
        assertThat(result.isComplete()).isTrue();
        assertThat(result.unexpected())
                .as("events outside the period are not read")
                .isEmpty();
        assertThat(posthog.queries()).as("24 rows in pages of 4").hasSize(6).allSatisfy(q -> {
            assertThat(q.status()).isEqualTo(200);
            assertThat(q.text()).doesNotContainIgnoringCase("offset").doesNotContainIgnoringCase("final");
        });
    }

    @Test
    void copiesOfOneEventCountOnce() throws Exception {
        PostHogOrderAnalytics client = client();
        List<ExpectedEvent> expected = List.of(placed("ord_twice", "cus_1"), placed("ord_once", "cus_2"));
        report(client, expected);
        report(client, List.of(expected.get(0))); // a redelivery: PostHog holds two copies for a while

        Reconciliation result =
                PostHogReconciler.builder(client).pageSize(1).build().check(PLACED, PLACED.plusSeconds(1), expected);

        assertThat(result.expected()).isEqualTo(2);
        assertThat(result.found()).isEqualTo(2);
        assertThat(result.unexpected()).isEmpty();
        assertThat(result.mismatched()).isEmpty();
    }

    @Test
    void aRateLimitIsWaitedOutAsRetryAfterSays() throws Exception {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        PostHogOrderAnalytics client = client();
        report(client, List.of(placed("ord_1", "cus_1")));
        posthog.enqueueQueryAnswers(FakeResponse.status(429).retryAfter("7"), FakeResponse.status(503));

        Reconciliation result = PostHogReconciler.builder(client)
                .sleeper(waits::add)
                .build()
                .check(PLACED, PLACED.plusSeconds(1), List.of(placed("ord_1", "cus_1")));

        assertThat(result.isComplete()).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
    }

    @Test
    void aRateLimitThatOutlastsTheBudgetFailsTheCheck() {
        PostHogOrderAnalytics client = client();
        for (int i = 0; i <= QueryClient.RATE_LIMIT_WAITS; i++) {
            posthog.enqueueQueryAnswers(FakeResponse.status(429));
        }
        PostHogReconciler reconciler =
                PostHogReconciler.builder(client).sleeper(d -> {}).build();

        assertThatThrownBy(() -> reconciler.check(PLACED, PLACED.plusSeconds(1), List.of()))
                .isInstanceOf(PostHogQueryException.class)
                .hasMessageContaining("rate limiting");
    }

    @Test
    void repairMarksHistoricalExactlyTheEventsOlderThan48Hours() throws Exception {
        PostHogOrderAnalytics client = client(); // historicalMigration off, as by default
        Instant threeDaysAgo = PLACED.minus(Duration.ofDays(3));
        ExpectedEvent old = ExpectedEvent.of(order("ord_old", threeDaysAgo), Identity.customer("cus_1"));
        ExpectedEvent recent = placed("ord_recent", "cus_2");
        posthog.dropSilently(e -> true); // over the billing limit
        report(client, List.of(old, recent));
        PostHogReconciler reconciler = PostHogReconciler.create(client);
        Reconciliation result = reconciler.check(threeDaysAgo.minusSeconds(1), Instant.now(), List.of(old, recent));
        assertThat(orderIds(result.missing())).containsExactlyInAnyOrder("ord_old", "ord_recent");
        posthog.dropSilently(e -> false);
        int before = posthog.requests().size();

        assertThat(reconciler.repair(result)).isEqualTo(new Repair(2, 0));

        List<CapturedRequest> repairs =
                posthog.requests().subList(before, posthog.requests().size());
        assertThat(repairs).hasSize(2);
        assertThat(repairs).allSatisfy(r -> {
            boolean isOld = r.events().get(0).properties().get("order_id").equals("ord_old");
            assertThat(r.historicalMigration()).as("historical_migration").isEqualTo(isOld);
        });
        assertThat(reconciler
                        .check(threeDaysAgo.minusSeconds(1), Instant.now(), List.of(old, recent))
                        .isComplete())
                .isTrue();
    }

    /** A period longer than a slice is read slice by slice from the shop, each slice's events only. */
    @Test
    void aLongPeriodIsCheckedSliceBySliceFromTheShopsRecords() throws Exception {
        PostHogOrderAnalytics client = client();
        Instant start = PLACED.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS);
        List<ExpectedEvent> shop = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 4; i++) {
                shop.add(ExpectedEvent.of(
                        order(
                                "ord_d" + day + "_" + i,
                                start.plus(Duration.ofDays(day)).plusSeconds(3600L * i)),
                        Identity.customer("cus_" + i)));
            }
        }
        posthog.dropSilently(e -> "ord_d1_2".equals(e.properties().get("order_id")));
        report(client, shop);
        List<String> asked = new CopyOnWriteArrayList<>();
        ExpectedOrderEvents records = (from, to) -> {
            asked.add(from + "/" + to);
            return shop.stream()
                    .filter(e -> !e.event().occurredAt().isBefore(from)
                            && e.event().occurredAt().isBefore(to));
        };

        Reconciliation result = PostHogReconciler.create(client).check(start, start.plus(Duration.ofDays(3)), records);

        // Each day once, and the day that lacks an order again, to hand it back without holding the day
        String secondDay = start.plus(Duration.ofDays(1)) + "/" + start.plus(Duration.ofDays(2));
        assertThat(asked).hasSize(4).containsOnlyOnce(asked.get(0), asked.get(3));
        assertThat(asked.stream().filter(secondDay::equals)).hasSize(2);
        assertThat(result.expected()).isEqualTo(12);
        assertThat(result.found()).isEqualTo(11);
        assertThat(orderIds(result.missing())).containsExactly("ord_d1_2");
        assertThat(result.notJudged()).isZero();
    }

    /** A page larger than PostHog returns: the answer is cut at 50,000 rows, and the check goes on. */
    @Test
    void theFiftyThousandRowCutIsDetectedAndTheCheckComplete() throws Exception {
        PostHogOrderAnalytics client = client();
        PostHogEventMapper mapper = PostHogEventMapper.create(client.config());
        int n = 50_010;
        List<ExpectedEvent> expected = new ArrayList<>(n);
        List<EncodedEvent> encoded = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            OrderEvent cancelled = Cancellation.builder("o" + i)
                    .cancelledAt(PLACED.plusNanos(1000L * (i % 97)))
                    .build();
            ExpectedEvent e = ExpectedEvent.of(cancelled, Identity.customer("c"));
            expected.add(e);
            encoded.add(mapper.encode(cancelled, e.identity()));
        }
        assertThat(client.sendNow(encoded))
                .extracting(EncodedEvent.Outcome::result)
                .containsOnly(EncodedEvent.Result.DELIVERED);

        Reconciliation result = PostHogReconciler.builder(client)
                .pageSize(60_000)
                .build()
                .check(PLACED, PLACED.plusSeconds(1), expected);

        assertThat(result.found()).isEqualTo(n);
        assertThat(result.isComplete()).isTrue();
        assertThat(posthog.queries()).hasSize(2);
    }
}
