package io.github.orderanalytics.outbox;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.PostHogOrderAnalyticsContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * The compatibility kit, run against the outbox and a started relay on H2: every order placed is
 * reported with the same event the client would send, delivery problems never reach the caller,
 * and, as documented, a row that cannot be written throws.
 */
class OutboxOrderAnalyticsContractTest extends PostHogOrderAnalyticsContract {
    private final FakePostHog posthog = FakePostHog.start();
    private final PostHogConfig config = posthog.clientConfig().build();
    private final PostHogOrderAnalytics client = PostHogOrderAnalytics.create(config);
    private final DataSource dataSource = Databases.h2();
    private final Connection connection;
    private final OutboxRelay relay;
    private boolean relaying;

    OutboxOrderAnalyticsContractTest() throws SQLException {
        Databases.recreate(dataSource);
        connection = dataSource.getConnection(); // auto-commit: each call is its own transaction
        relay = OutboxRelay.builder(dataSource, client).relayId("contract").build();
    }

    @AfterEach
    void close() throws SQLException {
        relay.close();
        client.close();
        connection.close();
        posthog.close();
    }

    @Override
    protected OrderAnalytics analytics() {
        return OutboxOrderAnalytics.create(config, () -> connection);
    }

    @Override
    protected List<PostHogEvent> awaitReported(int count, Duration timeout) {
        startRelay();
        return posthog.awaitEvents(count, timeout);
    }

    @Override
    protected PostHogConfig mappingConfig() {
        return config;
    }

    @Override
    protected void breakDelivery() {
        posthog.refuseConnections();
        startRelay();
    }

    private void startRelay() {
        if (!relaying) {
            relay.start();
            relaying = true;
        }
    }

    @Override
    protected Set<Behaviour> documentedBehaviours() {
        return Set.of(Behaviour.THROWS_WHEN_THE_EVENT_CANNOT_BE_STORED);
    }

    @Override
    protected void breakStorage() {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE order_analytics_outbox");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
