package io.github.orderanalytics.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakeResponse;
import io.github.orderanalytics.testsupport.Await;
import io.github.orderanalytics.testsupport.Sql;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The relay against a PostgreSQL that goes away while checkouts write and the relay relays: first the
 * server stops (mid-round: PostHog answers slowly) and starts again on the same data, then the table
 * is locked long enough for every statement to hit the statement timeout. Nothing committed is lost,
 * nothing uncommitted is sent, no row is left behind, and the relay delivers again within seconds of
 * each recovery. Prints an accounting table. Run with {@code ./mvnw verify -Poutbox-proofs}.
 */
@Tag("outbox-proof")
class DatabaseOutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final Duration LOCKED = Duration.ofSeconds(4);
    private static final Duration RECOVERY_GOAL = Duration.ofSeconds(10);
    private static final Duration DRAIN = Duration.ofMinutes(2);

    @Test
    void nothingIsLostNothingStuckAndDeliveryResumesWhenTheDatabaseReturns() throws Exception {
        Path data = Files.createTempDirectory("outbox-outage");
        int port = freePort();
        EmbeddedPostgres postgres = start(data, port);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://localhost:" + port + "/postgres");
        dataSource.setUser("postgres");
        dataSource.setConnectTimeout(2);
        dataSource.setOptions("-c statement_timeout=1500");
        Databases.recreate(dataSource);

        ConcurrentLinkedQueue<Instant> deliveries = new ConcurrentLinkedQueue<>();
        try (FakePostHog posthog = FakePostHog.start()) {
            // Slow answers, so that the server stops while a round waits for one.
            posthog.respondByDefault(FakeResponse.ok().delayedBy(Duration.ofMillis(100)));
            posthog.onRequest(r -> deliveries.add(Instant.now()));
            PostHogConfig config = posthog.clientConfig().build();
            PostHogOrderAnalytics client = PostHogOrderAnalytics.create(config);
            OutboxRelay relay = OutboxRelay.builder(dataSource, client)
                    .relayId("outage")
                    .pollInterval(Duration.ofMillis(50))
                    .lease(Duration.ofSeconds(3))
                    .initialBackoff(Duration.ofMillis(50))
                    .maxBackoff(Duration.ofMillis(500))
                    .build()
                    .start();
            Checkouts checkouts = new Checkouts(dataSource, OutboxOrderAnalytics.create(config));
            checkouts.start();
            Await.until(() -> deliveries.size() >= 5, Duration.ofSeconds(30), deliveries::size);

            // 1. The server goes away, mid-round, and comes back on the same data and port.
            postgres.close();
            Instant down = Instant.now();
            Await.until(() -> Instant.now().isAfter(down.plus(OUTAGE)), OUTAGE.plusSeconds(5), () -> "waiting");
            postgres = start(data, port);
            Instant back = Instant.now();
            Duration recoveredAfterRestart = firstDeliveryAfter(deliveries, back);

            // 2. Every statement on the table hits the statement timeout for a while.
            Instant unlocked;
            try (Connection locker = dataSource.getConnection();
                    Statement s = locker.createStatement()) {
                locker.setAutoCommit(false);
                s.execute("SET LOCAL statement_timeout = 0");
                s.execute("LOCK TABLE order_analytics_outbox IN ACCESS EXCLUSIVE MODE");
                Instant locked = Instant.now();
                Await.until(() -> Instant.now().isAfter(locked.plus(LOCKED)), LOCKED.plusSeconds(5), () -> "waiting");
                locker.commit();
                unlocked = Instant.now();
            }
            Duration recoveredAfterLock = firstDeliveryAfter(deliveries, unlocked);

            checkouts.stop();
            Databases.awaitEmpty(dataSource, DRAIN);
            relay.close();
            client.close();

            Set<UUID> committed = committedOrders(dataSource);
            Arrivals arrivals = Arrivals.of(committed, posthog.events());
            Set<UUID> missing = arrivals.missing();
            Set<UUID> neverCommitted = arrivals.notCommitted();
            long left = Databases.rows(dataSource);

            System.out.printf(
                    """

                    DatabaseOutageTest: checkouts and a relay on a PostgreSQL that stops, restarts, then locks up
                    | what | count |
                    |---|---:|
                    | checkouts attempted | %d |
                    | of them, failed (the database was away) | %d |
                    | orders committed (rows in the orders table) | %d |
                    | committed orders PostHog took | %d |
                    | committed orders missing | %d |
                    | uuids PostHog took of orders never committed | %d |
                    | uuids taken more than once (same uuid, collapsed by PostHog) | %d |
                    | rows left in the outbox | %d |
                    | server stopped for | %d ms |
                    | first delivery after the restart | %d ms |
                    | table locked for (statement_timeout 1.5 s) | %d ms |
                    | first delivery after the lock | %d ms |
                    %n""",
                    checkouts.attempted.get(),
                    checkouts.failed.get(),
                    committed.size(),
                    committed.size() - missing.size(),
                    missing.size(),
                    neverCommitted.size(),
                    arrivals.duplicates(),
                    left,
                    Duration.between(down, back).toMillis(),
                    recoveredAfterRestart.toMillis(),
                    LOCKED.toMillis(),
                    recoveredAfterLock.toMillis());

            assertThat(checkouts.failed.get()).as("the outage was felt").isPositive();
            assertThat(missing).as("committed, never delivered").isEmpty();
            assertThat(neverCommitted).as("delivered, never committed").isEmpty();
            assertThat(left).as("rows stuck in the table").isZero();
            assertThat(recoveredAfterRestart).isLessThan(RECOVERY_GOAL);
            assertThat(recoveredAfterLock).isLessThan(RECOVERY_GOAL);
        } finally {
            postgres.close();
        }
    }

    /** How long after {@code since} PostHog got its next request: the relay is delivering again. */
    private static Duration firstDeliveryAfter(ConcurrentLinkedQueue<Instant> deliveries, Instant since) {
        Await.until(
                () -> deliveries.stream().anyMatch(at -> at.isAfter(since)),
                RECOVERY_GOAL.multipliedBy(3),
                () -> "no request since " + since);
        Instant first = deliveries.stream()
                .filter(at -> at.isAfter(since))
                .min(Instant::compareTo)
                .orElseThrow();
        return Duration.between(since, first);
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The uuids of the orders whose transactions committed: the orders table is the truth. */
    private static Set<UUID> committedOrders(DataSource dataSource) throws SQLException {
        return Sql.column(dataSource, "SELECT id FROM orders").stream()
                .map(PostHogEventMapper::orderPlacedUuid)
                .collect(Collectors.toSet());
    }

    /** A checkout thread: the order row and its event row in one transaction, a few hundred a second. */
    private static final class Checkouts {
        private final DataSource dataSource;
        private final OutboxOrderAnalytics outbox;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger attempted = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        private final Thread thread;

        Checkouts(DataSource dataSource, OutboxOrderAnalytics outbox) {
            this.dataSource = dataSource;
            this.outbox = outbox;
            this.thread = new Thread(this::run, "checkouts");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(Duration.ofSeconds(30).toMillis());
        }

        private void run() {
            while (running.get()) {
                String id = "ord_" + attempted.incrementAndGet();
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO orders (id, total) VALUES (?, ?)")) {
                        s.setString(1, id);
                        s.setBigDecimal(2, new BigDecimal("19.99"));
                        s.executeUpdate();
                    }
                    outbox.orderPlaced(
                            c, Order.builder(id, Money.of("19.99", "EUR")).build(), Identity.customer("c"));
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    failed.incrementAndGet(); // the orders table says whether it committed after all
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // pacing while the database is away
                }
                LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // pacing: a steady checkout load
            }
        }
    }
}
