package io.github.orderanalytics.outbox;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A service instance for {@link CrashTest}: places orders in transactions as fast as it can (every
 * fourth with a refund in the same transaction, so both kinds of row live through the kills), rolling
 * back a fifth of them on purpose, while its own relay sends to FakePostHog, until it is killed.
 * Prints {@code COMMIT id} or {@code ROLLBACK id} after each transaction ends.
 *
 * <p>Arguments: JDBC URL, FakePostHog host, run number.
 */
public final class CheckoutProcess {
    private CheckoutProcess() {}

    /** Whether the order of {@code orderId} ({@code ord_<run>_<n>}) is refunded in its transaction. */
    static boolean refunded(String orderId) {
        return Integer.parseInt(orderId.substring(orderId.lastIndexOf('_') + 1)) % 4 == 0;
    }

    /** The uuids of the events written with the order of {@code orderId}. */
    static List<UUID> eventUuids(String orderId) {
        UUID placed = PostHogEventMapper.orderPlacedUuid(orderId);
        return refunded(orderId)
                ? List.of(placed, PostHogEventMapper.orderRefundedUuid(orderId, "re_" + orderId))
                : List.of(placed);
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String host = args[1];
        int run = Integer.parseInt(args[2]);
        DataSource dataSource;
        if (url.startsWith("jdbc:mariadb:")) {
            org.mariadb.jdbc.MariaDbDataSource mariadb = new org.mariadb.jdbc.MariaDbDataSource();
            mariadb.setUrl(url);
            dataSource = mariadb;
        } else {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(url);
            dataSource = postgres;
        }
        PostHogConfig config =
                PostHogConfig.builder().apiKey(FakePostHog.API_KEY).host(host).build();
        PostHogOrderAnalytics client = PostHogOrderAnalytics.create(config);
        OutboxOrderAnalytics outbox = OutboxOrderAnalytics.create(config);
        OutboxRelay.builder(dataSource, client)
                .relayId("checkout-" + run)
                .pollInterval(Duration.ofMillis(20))
                .lease(Duration.ofSeconds(1)) // a killed instance's rows come back soon
                .batchSize(50)
                .build()
                .start();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("READY");
        Random random = new Random(run);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int n = 0; ; n++) {
                String id = "ord_" + run + "_" + n;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO orders (id, total) VALUES (?, ?)")) {
                    s.setString(1, id);
                    s.setBigDecimal(2, new BigDecimal("30.00"));
                    s.executeUpdate();
                }
                Identity buyer = Identity.customer("cus_" + run);
                outbox.orderPlaced(
                        c, Order.builder(id, Money.of("30.00", "EUR")).build(), buyer);
                if (refunded(id)) {
                    outbox.orderRefunded(
                            c,
                            Refund.builder(id, "re_" + id, Money.of("12.50", "EUR"))
                                    .build(),
                            buyer);
                }
                if (random.nextInt(5) == 0) {
                    c.rollback();
                    out.println("ROLLBACK " + id);
                } else {
                    c.commit();
                    out.println("COMMIT " + id);
                }
            }
        }
    }
}
