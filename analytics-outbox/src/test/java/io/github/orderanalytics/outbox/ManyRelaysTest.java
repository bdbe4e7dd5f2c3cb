package io.github.orderanalytics.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.CapturedRequest;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakeResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three relays, as three service instances would run them, on one PostgreSQL database holding
 * {@value #ROWS} rows, against a FakePostHog that fails at random: every row is delivered, none is
 * lost, and every duplicate is explained by an answer lost after PostHog took the batch. Prints an
 * accounting table. Run with {@code ./mvnw verify -Poutbox-proofs} (also run by {@code .ci/run}).
 */
@Tag("outbox-proof")
class ManyRelaysTest {
    static final int ROWS = Integer.getInteger("outbox.rows", 100_000);
    private static final int RELAYS = 3;
    private static final Duration DRAIN = Duration.ofMinutes(5);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void threeRelaysDeliverEveryRowDespiteRandomFaults(String database) throws Exception {
        DataSource dataSource = database.equals("MariaDB") ? Databases.mariadb() : Databases.postgres();
        Databases.recreate(dataSource);
        Random random = new Random(42);
        try (FakePostHog posthog = FakePostHog.start()) {
            posthog.respondByDefault(() -> fault(random));
            PostHogConfig config =
                    posthog.clientConfig().requestTimeout(Duration.ofSeconds(5)).build();
            Set<UUID> written = write(dataSource, config);
            analyze(dataSource, database);

            List<PostHogOrderAnalytics> clients = new ArrayList<>();
            List<OutboxRelay> relays = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < RELAYS; i++) {
                PostHogOrderAnalytics client = PostHogOrderAnalytics.create(config);
                clients.add(client);
                relays.add(OutboxRelay.builder(dataSource, client)
                        .relayId("relay-" + i)
                        .pollInterval(Duration.ofMillis(50))
                        .initialBackoff(Duration.ofMillis(20))
                        .maxBackoff(Duration.ofMillis(500))
                        .build()
                        .start());
            }
            Databases.awaitEmpty(dataSource, DRAIN);
            long drainMillis = (System.nanoTime() - start) / 1_000_000;
            relays.forEach(OutboxRelay::close);
            clients.forEach(PostHogOrderAnalytics::close);

            Map<UUID, Integer> received = new HashMap<>();
            for (PostHogEvent e : posthog.events()) {
                received.merge(e.uuid(), 1, Integer::sum);
            }
            Set<UUID> inLostAnswers = new HashSet<>();
            Map<String, Integer> answers = new TreeMap<>();
            for (CapturedRequest r : posthog.requests()) {
                answers.merge(r.answer().toString(), 1, Integer::sum);
                if (r.answer().toString().endsWith("then disconnect")) {
                    r.events().forEach(e -> inLostAnswers.add(e.uuid()));
                }
            }
            Set<UUID> lost = new HashSet<>(written);
            lost.removeAll(received.keySet());
            long duplicates = received.values().stream().filter(n -> n > 1).count();
            long explained = received.entrySet().stream()
                    .filter(e -> e.getValue() > 1 && inLostAnswers.contains(e.getKey()))
                    .count();
            long deliveredByRelays =
                    relays.stream().mapToLong(r -> r.totals().delivered()).sum();

            System.out.printf(
                    """

                    ManyRelaysTest: %d relays, one %s database, random faults
                    | what | count |
                    |---|---:|
                    | rows written (committed orders) | %d |
                    | distinct uuids PostHog took | %d |
                    | lost (written, never taken) | %d |
                    | taken twice or more | %d |
                    | of those, in a batch whose answer was lost | %d |
                    | rows deleted by the relays | %d |
                    | rows left in the table | %d |
                    | requests, by answer | %s |
                    | time to drain | %d ms (%d rows/s) |
                    %n""",
                    RELAYS,
                    database,
                    written.size(),
                    received.size(),
                    lost.size(),
                    duplicates,
                    explained,
                    deliveredByRelays,
                    Databases.rows(dataSource),
                    answers,
                    drainMillis,
                    ROWS * 1000L / Math.max(1, drainMillis));

            assertThat(lost).as("written but never delivered").isEmpty();
            assertThat(received.keySet())
                    .as("nothing PostHog took was not written")
                    .isEqualTo(written);
            assertThat(explained).as("every duplicate follows a lost answer").isEqualTo(duplicates);
            assertThat(deliveredByRelays).as("each row deleted once").isEqualTo(ROWS);
            assertThat(Databases.rows(dataSource)).isZero();
            assertThat(posthog.violations()).isEmpty();
        }
    }

    /** Most requests succeed; the rest fail every way a network and PostHog can. */
    private static FakeResponse fault(Random random) {
        synchronized (random) {
            int roll = random.nextInt(100);
            if (roll < 70) {
                return FakeResponse.ok();
            } else if (roll < 80) {
                return FakeResponse.status(503);
            } else if (roll < 85) {
                return FakeResponse.status(429).retryAfter("0");
            } else if (roll < 90) {
                return FakeResponse.disconnect();
            } else if (roll < 95) {
                return FakeResponse.acceptedThenDisconnect();
            }
            return FakeResponse.ok().delayedBy(Duration.ofMillis(50));
        }
    }

    /** Writes the rows as checkouts would, a thousand orders a transaction; returns their uuids. */
    private static Set<UUID> write(DataSource dataSource, PostHogConfig config) throws SQLException {
        OutboxOrderAnalytics outbox = OutboxOrderAnalytics.create(config);
        Set<UUID> uuids = new HashSet<>();
        Instant placedAt = Instant.now().minusSeconds(60);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < ROWS; i++) {
                String id = "ord_" + i;
                outbox.orderPlaced(
                        c,
                        Order.builder(id, Money.of("19.99", "EUR"))
                                .placedAt(placedAt)
                                .build(),
                        Identity.customer("cus_" + (i % 1000)));
                uuids.add(PostHogEventMapper.orderPlacedUuid(id));
                if (i % 1000 == 999) {
                    c.commit();
                }
            }
            c.commit();
        }
        return uuids;
    }

    /**
     * Table statistics, as autovacuum (InnoDB's persistent statistics) keeps them in production:
     * without them the database would plan the claim for a nearly empty table just filled with a
     * hundred thousand rows.
     */
    private static void analyze(DataSource dataSource, String database) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    database.equals("MariaDB")
                            ? "ANALYZE TABLE order_analytics_outbox"
                            : "ANALYZE order_analytics_outbox");
        }
    }
}
