package io.github.orderanalytics.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.outbox.OutboxOrderAnalytics;
import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.outbox.OutboxSchema;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testsupport.MariaDbServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * What the outbox costs and delivers, on an embedded PostgreSQL and a local counting endpoint, in one
 * run: the extra time of a checkout transaction that also writes the outbox row, the relay's
 * throughput, and the time from commit to the request that carries the event. Writes the Markdown
 * report given as the first argument ({@code docs/benchmarks-outbox.md}).
 */
public final class OutboxBenchmark {
    private static final int TX_ROUNDS = 20;
    private static final int TX_PER_ROUND = 500;
    private static final int WARM_UP = 15_000;
    private static final int RELAY_ROWS = Integer.getInteger("bench.relayRows", 100_000);
    private static final int LATENCY_SAMPLES = 100;

    private OutboxBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "docs/benchmarks-outbox.md");
        try (CountingSink sink = new CountingSink()) {
            PostHogConfig config = PostHogConfig.builder()
                    .apiKey("phc_bench")
                    .host(sink.host())
                    .build();
            // As production runs PostgreSQL: every commit waits for its WAL to reach the disk.
            String durableSettings;
            long[][] durableTx;
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                            .setServerConfig("fsync", "on")
                            .setServerConfig("synchronous_commit", "on")
                            .start();
                    HikariDataSource dataSource = pool(postgres)) {
                createTables(dataSource);
                durableSettings = settings(dataSource);
                durableTx = checkoutTransactions(dataSource, config);
            }
            // As tests run it (the embedded default: no waiting for the disk), which makes the
            // outbox's own share of a transaction as large as it can look.
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                    HikariDataSource dataSource = pool(postgres)) {
                createTables(dataSource);
                String settings = settings(dataSource);
                long[][] tx = checkoutTransactions(dataSource, config);
                double[] relay = relayThroughput(dataSource, config, sink);
                long[] latency = commitToRequest(dataSource, config, sink);
                String md = report(durableSettings, durableTx, settings, tx, relay, latency) + mariadb(config, sink);
                Files.createDirectories(report.toAbsolutePath().getParent());
                Files.writeString(report, md);
                System.out.println(md);
            }
        }
    }

    /**
     * The same checkout and relay on a private MariaDB server, durable as production runs it (each
     * commit flushed to disk: innodb_flush_log_at_trx_commit = 1), or why there is none.
     */
    private static String mariadb(PostHogConfig config, CountingSink sink) throws Exception {
        if (!MariaDbServer.isInstalled()) {
            return "\n## MariaDB\n\nNot measured: " + MariaDbServer.NOT_INSTALLED + ".\n";
        }
        try (MariaDbServer server = MariaDbServer.start(List.of("--innodb-flush-log-at-trx-commit=1"));
                HikariDataSource dataSource = pool(mariadbDataSource(server))) {
            createTables(dataSource);
            String settings = mariadbSettings(dataSource);
            long[][] tx = checkoutTransactions(dataSource, config);
            double[] relay = relayThroughput(dataSource, config, sink);
            return String.format(
                    Locale.ROOT, """

                    ## MariaDB

                    The same, in the same run, on a private MariaDB server (Debian's, started by the benchmark on
                    a temporary directory; %s) through `mariadb-java-client`, durable as production runs it.
                    What the outbox adds to a checkout transaction, microseconds:

                    %s
                    Relay throughput: %d rows written ahead, one relay at default settings: **%.0f events/s**
                    (%.2f s).
                    """, settings, txTable(tx), (long) relay[0], relay[0] / relay[1], relay[1]);
        }
    }

    private static DataSource mariadbDataSource(MariaDbServer server) throws SQLException {
        org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource();
        ds.setUrl(server.url("mariadb"));
        ds.setUser("root");
        ds.setPassword("");
        return ds;
    }

    private static String mariadbSettings(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT VERSION(), @@innodb_flush_log_at_trx_commit")) {
            r.next();
            return "version = " + r.getString(1) + ", innodb_flush_log_at_trx_commit = " + r.getString(2);
        }
    }

    private static boolean isMariaDb(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().equalsIgnoreCase("MariaDB");
    }

    private static HikariDataSource pool(EmbeddedPostgres postgres) {
        return pool(postgres.getPostgresDatabase());
    }

    private static HikariDataSource pool(DataSource dataSource) {
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(dataSource);
        pool.setMaximumPoolSize(4);
        return new HikariDataSource(pool);
    }

    private static void createTables(DataSource dataSource) throws SQLException {
        OutboxSchema.create(dataSource);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, customer_id VARCHAR(64) NOT NULL,"
                    + " total NUMERIC(12, 2) NOT NULL, currency CHAR(3) NOT NULL)");
        }
    }

    private static String settings(DataSource dataSource) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String name : new String[] {"server_version", "fsync", "synchronous_commit"}) {
                try (ResultSet r = s.executeQuery("SHOW " + name)) {
                    r.next();
                    values.add(name + " = " + r.getString(1));
                }
            }
        }
        return String.join(", ", values);
    }

    static Order order(String id) {
        return Order.builder(id, Money.of("49.99", "EUR"))
                .tax(Money.of("7.99", "EUR"))
                .item(LineItem.builder("prod_7", 2, Money.of("21.00", "EUR"))
                        .name("Mug")
                        .build())
                .build();
    }

    /**
     * Per-transaction nanoseconds of the checkout without ([0]) and with ([1]) the outbox row, taking
     * turns transaction by transaction on one connection, so that drift on a shared machine hits both
     * alike; the tables are emptied every {@value #TX_PER_ROUND} transactions, as the relay keeps the
     * outbox small.
     */
    private static long[][] checkoutTransactions(DataSource dataSource, PostHogConfig config) throws SQLException {
        OutboxOrderAnalytics outbox = OutboxOrderAnalytics.create(config);
        int measured = TX_ROUNDS / 2 * TX_PER_ROUND;
        long[] without = new long[measured];
        long[] with = new long[measured];
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long[] warm = new long[WARM_UP];
            transactions(c, outbox, "warm", warm, warm); // JIT and caches, unmeasured
            transactions(c, outbox, "measured", without, with);
        }
        Arrays.sort(without);
        Arrays.sort(with);
        return new long[][] {without, with};
    }

    private static void transactions(
            Connection c, OutboxOrderAnalytics outbox, String prefix, long[] without, long[] with) throws SQLException {
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO orders (id, customer_id, total, currency) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < without.length; i++) {
                if (i % TX_PER_ROUND == 0) {
                    try (Statement s = c.createStatement()) {
                        if (isMariaDb(c)) { // one table a statement there
                            s.execute("TRUNCATE orders");
                            s.execute("TRUNCATE order_analytics_outbox");
                        } else {
                            s.execute("TRUNCATE orders, order_analytics_outbox");
                        }
                        c.commit();
                    }
                }
                without[i] = transaction(c, insert, null, prefix + "_a_" + i);
                with[i] = transaction(c, insert, outbox, prefix + "_b_" + i);
            }
        }
    }

    private static long transaction(Connection c, PreparedStatement insert, OutboxOrderAnalytics outbox, String id)
            throws SQLException {
        long start = System.nanoTime();
        insert.setString(1, id);
        insert.setString(2, "cus_42");
        insert.setBigDecimal(3, new BigDecimal("49.99"));
        insert.setString(4, "EUR");
        insert.executeUpdate();
        if (outbox != null) {
            outbox.orderPlaced(c, order(id), Identity.customer("cus_42"));
        }
        c.commit();
        return System.nanoTime() - start;
    }

    /** Rows written ahead, then one relay at default settings: [rows, seconds]. */
    private static double[] relayThroughput(DataSource dataSource, PostHogConfig config, CountingSink sink)
            throws Exception {
        OutboxOrderAnalytics outbox = OutboxOrderAnalytics.create(config);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < RELAY_ROWS; i++) {
                outbox.orderPlaced(c, order("ord_relay_" + i), Identity.customer("cus_" + (i % 1000)));
                if (i % 1000 == 999) {
                    c.commit();
                }
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute(isMariaDb(c) ? "ANALYZE TABLE order_analytics_outbox" : "ANALYZE order_analytics_outbox");
            }
            c.commit();
        }
        long before = sink.events.get();
        try (PostHogOrderAnalytics client = PostHogOrderAnalytics.create(config)) {
            OutboxRelay relay = OutboxRelay.builder(dataSource, client).build();
            long start = System.nanoTime();
            relay.start();
            while (sink.events.get() - before < RELAY_ROWS) {
                LockSupport.parkNanos(1_000_000);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            relay.close();
            return new double[] {RELAY_ROWS, seconds};
        }
    }

    /** One order at a time, committed while a relay at default settings runs: nanoseconds to its request. */
    private static long[] commitToRequest(DataSource dataSource, PostHogConfig config, CountingSink sink)
            throws Exception {
        OutboxOrderAnalytics outbox = OutboxOrderAnalytics.create(config);
        long[] latency = new long[LATENCY_SAMPLES];
        try (PostHogOrderAnalytics client = PostHogOrderAnalytics.create(config);
                Connection c = dataSource.getConnection()) {
            OutboxRelay relay = OutboxRelay.builder(dataSource, client).build().start();
            c.setAutoCommit(false);
            for (int i = -10; i < LATENCY_SAMPLES; i++) { // the first ten warm up
                long before = sink.events.get();
                outbox.orderPlaced(c, order("ord_latency_" + i), Identity.customer("cus_42"));
                c.commit();
                long committed = System.nanoTime();
                while (sink.events.get() == before) {
                    LockSupport.parkNanos(100_000);
                }
                if (i >= 0) {
                    latency[i] = System.nanoTime() - committed;
                }
            }
            relay.close();
        }
        Arrays.sort(latency);
        return latency;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000.0;
    }

    private static String txTable(long[][] tx) {
        double medianWithout = percentile(tx[0], 0.5);
        double medianWith = percentile(tx[1], 0.5);
        double p99Without = percentile(tx[0], 0.99);
        double p99With = percentile(tx[1], 0.99);
        return String.format(
                Locale.ROOT,
                """
                | | median | p99 |
                |---|---:|---:|
                | order row only | %.1f | %.1f |
                | order row + outbox row | %.1f | %.1f |
                | extra | %+.1f (%+.1f %%) | %+.1f (%+.1f %%) |
                """,
                medianWithout,
                p99Without,
                medianWith,
                p99With,
                medianWith - medianWithout,
                100 * (medianWith - medianWithout) / medianWithout,
                p99With - p99Without,
                100 * (p99With - p99Without) / p99Without);
    }

    private static String report(
            String durableSettings, long[][] durableTx, String settings, long[][] tx, double[] relay, long[] latency) {
        return String.format(
                Locale.ROOT,
                """
                # Outbox benchmarks

                Measured side by side in one run on %s, %d cores, Java %s, embedded PostgreSQL, a HikariCP
                pool of 4, and a local endpoint that gunzips and counts. Rerun with

                ```sh
                ./mvnw -q -Poutbox-benchmark -pl analytics-benchmarks -am package -DskipTests
                ```

                ## What the outbox adds to a checkout transaction

                Insert the order row and commit, without and with the outbox row (mapping the order and
                inserting the event), on one connection; %d transactions each, taking turns one by one, the
                tables emptied every %d, after %d unmeasured pairs. Microseconds per transaction.

                Durable, as PostgreSQL runs in production (%s):

                %s
                Not durable, as the embedded PostgreSQL runs by default for tests (%s): commits cost almost
                nothing, so the outbox's own share looks as large as it can.

                %s
                ## Relay throughput

                %d rows written ahead, then one relay at default settings (batches of 500) sending them:
                **%.0f events/s** (%.2f s).

                ## Commit to request

                One order at a time committed while a relay runs at default settings (polling every
                200 ms): time from commit until the endpoint received its event, %d samples.

                | median | p99 | max |
                |---:|---:|---:|
                | %.1f ms | %.1f ms | %.1f ms |
                """,
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                tx[0].length,
                TX_PER_ROUND,
                WARM_UP,
                durableSettings,
                txTable(durableTx),
                settings,
                txTable(tx),
                (long) relay[0],
                relay[0] / relay[1],
                relay[1],
                LATENCY_SAMPLES,
                percentile(latency, 0.5) / 1000,
                percentile(latency, 0.99) / 1000,
                latency[latency.length - 1] / 1e6);
    }
}
