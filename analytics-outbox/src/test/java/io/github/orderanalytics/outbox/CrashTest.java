package io.github.orderanalytics.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testsupport.Sql;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbox under {@code kill -9}: a forked JVM places orders in transactions (a fifth rolled back
 * on purpose) with its own relay running, and is killed with SIGKILL at a random moment,
 * {@value #KILLS} times, restarted each time. Then a relay drains. Every committed order reached
 * FakePostHog, no rolled-back order ever did, no row is left, and any duplicate has the same uuid.
 * Prints an accounting table. Run with {@code ./mvnw verify -Poutbox-proofs}.
 */
@Tag("outbox-proof")
class CrashTest {
    static final int KILLS = Integer.getInteger("outbox.kills", 20);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void everyCommittedOrderArrivesAndNoRolledBackOneDoesAcrossSigkills(String database) throws Exception {
        boolean mariadb = database.equals("MariaDB");
        DataSource dataSource = mariadb ? Databases.mariadb() : Databases.postgres();
        Databases.recreate(dataSource);
        Random random = new Random(7);
        Set<String> rolledBack = ConcurrentHashMap.newKeySet();
        AtomicInteger commitsSeen = new AtomicInteger();
        try (FakePostHog posthog = FakePostHog.start()) {
            for (int run = 0; run < KILLS; run++) {
                Process child = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                                CheckoutProcess.class.getName(),
                                mariadb ? Databases.mariadbUrl() : Databases.postgresUrl(),
                                posthog.host(),
                                Integer.toString(run))
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                int killAfter = 20 + random.nextInt(300); // commits this run sees before its SIGKILL
                CountDownLatch enough = new CountDownLatch(1);
                Thread reader = new Thread(() -> read(child, rolledBack, commitsSeen, killAfter, enough));
                reader.start();
                boolean reached = enough.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no flush
                assertThat(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                reader.join(WAIT.toMillis());
                assertThat(reached)
                        .as("run %d reached %d commits before its kill", run, killAfter)
                        .isTrue();
                assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            }

            try (PostHogOrderAnalytics client =
                    PostHogOrderAnalytics.create(posthog.clientConfig().build())) {
                OutboxRelay drain = OutboxRelay.builder(dataSource, client)
                        .relayId("drain")
                        .pollInterval(Duration.ofMillis(20))
                        .build()
                        .start();
                Databases.awaitEmpty(dataSource, WAIT);
                drain.close();
            }

            Set<UUID> committed = new HashSet<>();
            Sql.column(dataSource, "SELECT id FROM orders")
                    .forEach(id -> committed.addAll(CheckoutProcess.eventUuids(id)));
            Set<UUID> rolledBackUuids = new HashSet<>();
            rolledBack.forEach(id -> rolledBackUuids.addAll(CheckoutProcess.eventUuids(id)));
            Arrivals arrivals = Arrivals.of(committed, posthog.events());
            Set<UUID> missing = arrivals.missing();
            Set<UUID> notCommitted = arrivals.notCommitted();
            Set<UUID> rolledBackReceived = new HashSet<>(rolledBackUuids);
            rolledBackReceived.retainAll(arrivals.received());
            long rowsLeft = Databases.rows(dataSource);

            System.out.printf(
                    """

                    CrashTest on %s: a checkout JVM with its relay, killed with SIGKILL %d times, then a drain
                    | what | count |
                    |---|---:|
                    | SIGKILLs | %d |
                    | events committed: each order in the orders table, and the refund of every fourth | %d |
                    | orders whose COMMIT was printed before the kill | %d |
                    | orders rolled back on purpose (ROLLBACK printed) | %d |
                    | committed events PostHog took | %d |
                    | committed events missing | %d |
                    | uuids PostHog took of events never committed | %d |
                    | of them, rolled back on purpose | %d |
                    | uuids taken more than once (same uuid, collapsed by PostHog) | %d |
                    | rows left in the outbox | %d |
                    %n""",
                    database,
                    KILLS,
                    KILLS,
                    committed.size(),
                    commitsSeen.get(),
                    rolledBack.size(),
                    committed.size() - missing.size(),
                    missing.size(),
                    notCommitted.size(),
                    rolledBackReceived.size(),
                    arrivals.duplicates(),
                    rowsLeft);

            assertThat(committed).hasSizeGreaterThanOrEqualTo(commitsSeen.get());
            assertThat(rolledBack).as("some orders were rolled back on purpose").isNotEmpty();
            assertThat(missing)
                    .as("committed events (orders, refunds) that never reached PostHog")
                    .isEmpty();
            assertThat(notCommitted)
                    .as("events of orders that were never committed")
                    .isEmpty();
            assertThat(rowsLeft).isZero();
            assertThat(posthog.violations()).isEmpty();
        }
    }

    private static void read(
            Process child, Set<String> rolledBack, AtomicInteger commitsSeen, int killAfter, CountDownLatch enough) {
        int commits = 0;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("COMMIT ")) {
                    commitsSeen.incrementAndGet();
                    if (++commits == killAfter) {
                        enough.countDown();
                    }
                } else if (line.startsWith("ROLLBACK ")) {
                    rolledBack.add(line.substring("ROLLBACK ".length()));
                }
            }
        } catch (java.io.IOException e) {
            // the process was killed mid-line
        }
    }
}
