package io.github.orderanalytics.posthog;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.testkit.CapturedRequest;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakeResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events written earlier, sent with sendNow over HTTP to FakePostHog; and historical_migration. */
class SendNowTest {
    private final Clients clients = new Clients();

    @AfterEach
    void close() {
        clients.close();
    }

    private PostHogOrderAnalytics client(PostHogConfigBuilder config) {
        return clients.create(config);
    }

    private static Order order(String id, Instant placedAt) {
        return Order.builder(id, Money.of("10.00", "EUR")).placedAt(placedAt).build();
    }

    private List<EncodedEvent> encoded(PostHogConfig config, Instant placedAt, String... ids) {
        PostHogEventMapper mapper = PostHogEventMapper.create(config);
        return java.util.Arrays.stream(ids)
                .map(id -> mapper.encode(order(id, placedAt), Identity.customer("cus_" + id)))
                .toList();
    }

    @Test
    void sendsTheStoredBytesAndReportsEachDelivered() throws Exception {
        PostHogConfig config = clients.posthog.clientConfig().build();
        PostHogOrderAnalytics client = client(config.toBuilder());
        List<EncodedEvent> events = encoded(config, Instant.now(), "ord_1", "ord_2", "ord_3");

        List<EncodedEvent.Outcome> outcomes = client.sendNow(events);

        assertThat(outcomes).extracting(EncodedEvent.Outcome::result).containsOnly(EncodedEvent.Result.DELIVERED);
        assertThat(outcomes).extracting(EncodedEvent.Outcome::event).containsExactlyElementsOf(events);
        assertThat(clients.posthog).receivedOnly("ord_1", "ord_2", "ord_3").hasNoViolations();
        assertThat(clients.posthog.requests()).hasSize(1);
        assertThat(clients.posthog.requests().get(0).body())
                .contains(events.get(0).json());
        assertThat(client.stats().accepted())
                .as("sendNow keeps out of the event counts")
                .isZero();
        assertThat(client.stats().lastDeliveredAt()).isPresent();
    }

    @Test
    void aBadEventIsRejectedAloneAndTheOthersDelivered() throws Exception {
        clients.posthog.rejectEventsWhere(e -> e.properties().get("order_id").equals("ord_bad"));
        PostHogConfig config = clients.posthog.clientConfig().build();
        PostHogOrderAnalytics client = client(config.toBuilder());
        List<EncodedEvent> events = encoded(config, Instant.now(), "ord_1", "ord_2", "ord_bad", "ord_4", "ord_5");

        List<EncodedEvent.Outcome> outcomes = client.sendNow(events);

        assertThat(outcomes)
                .extracting(EncodedEvent.Outcome::result)
                .containsExactly(
                        EncodedEvent.Result.DELIVERED,
                        EncodedEvent.Result.DELIVERED,
                        EncodedEvent.Result.REJECTED,
                        EncodedEvent.Result.DELIVERED,
                        EncodedEvent.Result.DELIVERED);
        assertThat(outcomes.get(2).detail()).isEqualTo("HTTP 400");
        assertThat(clients.posthog).receivedOnly("ord_1", "ord_2", "ord_4", "ord_5");
    }

    @Test
    void aServerErrorAsksForAnotherTryWithRetryAfter() throws Exception {
        clients.posthog.enqueue(FakeResponse.status(503).retryAfter("7"));
        PostHogConfig config = clients.posthog.clientConfig().build();
        PostHogOrderAnalytics client = client(config.toBuilder());

        List<EncodedEvent.Outcome> outcomes = client.sendNow(encoded(config, Instant.now(), "ord_1", "ord_2"));

        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.result()).isEqualTo(EncodedEvent.Result.RETRY);
            assertThat(o.detail()).isEqualTo("HTTP 503");
            assertThat(o.retryAfter()).contains(Duration.ofSeconds(7));
        });
        assertThat(clients.posthog.requests())
                .as("sent once: the caller reschedules")
                .hasSize(1);
        assertThat(client.stats().failingSince()).isPresent();
    }

    @Test
    void aRefusedKeyIsSaidAsSuchNotAsARejectedEvent() throws Exception {
        clients.posthog.respondByDefault(FakeResponse.status(401));
        PostHogConfig config = clients.posthog.clientConfig().build();

        List<EncodedEvent.Outcome> outcomes =
                client(config.toBuilder()).sendNow(encoded(config, Instant.now(), "ord_1"));

        assertThat(outcomes.get(0).result()).isEqualTo(EncodedEvent.Result.API_KEY_REFUSED);
    }

    /** A relay asks every round: one ERROR says why nothing arrives, and again after a success. */
    @Test
    void aRefusedKeyIsOneErrorPerStreakOfRefusals() throws Exception {
        clients.posthog.respondByDefault(FakeResponse.status(401));
        PostHogConfig config = clients.posthog.clientConfig().build();
        PostHogOrderAnalytics client = client(config.toBuilder());

        String firstStreak = logged(() -> {
            for (int round = 0; round < 3; round++) {
                client.sendNow(encoded(config, Instant.now(), "ord_" + round));
            }
        });
        clients.posthog.respondByDefault(FakeResponse.ok());
        client.sendNow(encoded(config, Instant.now(), "ord_ok"));
        clients.posthog.respondByDefault(FakeResponse.status(403));
        String secondStreak = logged(() -> client.sendNow(encoded(config, Instant.now(), "ord_4")));

        assertThat(firstStreak)
                .containsOnlyOnce("PostHog refused the API key (HTTP 401)")
                .contains("ERROR")
                .contains("POSTHOG_API_KEY")
                .doesNotContain(FakePostHog.API_KEY);
        assertThat(secondStreak).containsOnlyOnce("PostHog refused the API key (HTTP 403)");
    }

    /** What {@code work} logged: slf4j-simple writes to System.err as it is at each call. */
    private static String logged(ThrowingRunnable work) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            work.run();
            return err.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(original);
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aDisabledClientSendsNothingAndAsksForAnotherTry() throws Exception {
        PostHogConfig config = PostHogConfig.builder().build();
        PostHogOrderAnalytics disabled = clients.track(PostHogOrderAnalytics.create(config));

        List<EncodedEvent.Outcome> outcomes = disabled.sendNow(encoded(config, Instant.now(), "ord_1"));

        assertThat(outcomes.get(0).result()).isEqualTo(EncodedEvent.Result.RETRY);
        assertThat(outcomes.get(0).detail()).contains("no PostHog API key");
    }

    @Test
    void historicalMigrationMarksOnlyRequestsWhoseEventsAreAllOver48HoursOld() throws Exception {
        PostHogConfig config =
                clients.posthog.clientConfig().historicalMigration(true).build();
        PostHogOrderAnalytics client = client(config.toBuilder());
        Instant old = Instant.now().minus(Duration.ofHours(49));
        Instant recent = Instant.now().minus(Duration.ofHours(47));

        client.sendNow(encoded(config, old, "ord_old_1", "ord_old_2"));
        client.sendNow(List.of(
                encoded(config, old, "ord_old_3").get(0),
                encoded(config, recent, "ord_recent").get(0)));
        client.orderPlaced(order("ord_async_old", old), Identity.customer("c"));
        assertThat(client.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(clients.posthog.requests())
                .extracting(CapturedRequest::historicalMigration)
                .containsExactly(true, false, true);
    }

    @Test
    void withoutTheOptionNothingIsMarked() throws Exception {
        PostHogConfig config = clients.posthog.clientConfig().build();
        Instant old = Instant.now().minus(Duration.ofDays(30));

        client(config.toBuilder()).sendNow(encoded(config, old, "ord_1"));

        assertThat(clients.posthog.requests())
                .extracting(CapturedRequest::historicalMigration)
                .containsExactly(false);
    }

    @Test
    void twoThousandEventsInOneCallAllArrive() throws Exception {
        PostHogConfig config = clients.posthog.clientConfig().build();
        PostHogOrderAnalytics client = client(config.toBuilder());
        String[] ids = IntStream.range(0, 2_000).mapToObj(i -> "ord_" + i).toArray(String[]::new);

        List<EncodedEvent.Outcome> outcomes = client.sendNow(encoded(config, Instant.now(), ids));

        assertThat(outcomes).extracting(EncodedEvent.Outcome::result).containsOnly(EncodedEvent.Result.DELIVERED);
        assertThat(clients.posthog.events()).hasSize(2_000);
    }
}
