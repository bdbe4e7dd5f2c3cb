package io.github.orderanalytics.quarkus.internal;

import io.agroal.api.AgroalDataSource;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.outbox.OutboxAdmin;
import io.github.orderanalytics.outbox.OutboxMonitor;
import io.github.orderanalytics.outbox.OutboxOrderAnalytics;
import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.outbox.OutboxRelayBuilder;
import io.github.orderanalytics.outbox.OutboxSchema;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.quarkus.OrderAnalyticsConfig;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.datasource.common.runtime.DataSourceUtil;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox on an Agroal DataSource, with {@code order-analytics.outbox.enabled=true}: the table
 * created at start where {@code initialize-schema} asks for it, the relay started with the
 * application and stopped at shutdown (before the client closes), the backlog read for health and
 * meters. A bean only where the application has analytics-outbox and quarkus-agroal.
 */
@Singleton
public class OutboxSupport {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.quarkus");
    private static final Duration MONITOR_REFRESH = Duration.ofSeconds(5);

    private final OrderAnalyticsConfig.Outbox settings;
    private final boolean enabled;
    private final Instance<JtaTransactions> transactions;
    private final Instance<PostHogOrderAnalytics> client;
    private @Nullable OutboxRelay relay;
    private @Nullable OutboxMonitor monitor;
    private boolean schemaReady;

    @Inject
    OutboxSupport(
            OrderAnalyticsConfig config,
            Instance<JtaTransactions> transactions,
            Instance<PostHogOrderAnalytics> client) {
        this.settings = config.outbox();
        this.enabled = config.enabled() && settings.enabled();
        this.transactions = transactions;
        this.client = client;
    }

    /** Whether {@code order-analytics.outbox.enabled=true} (and reporting is not off altogether). */
    public boolean enabled() {
        return enabled;
    }

    /** The bean to inject: each event written as a row of the caller's transaction. */
    public OrderAnalytics orderAnalytics(PostHogOrderAnalytics client, UnaryOperator<Identity> browser) {
        AgroalDataSource dataSource = dataSource();
        initializeSchema(dataSource);
        Optional<JtaTransactions> jta =
                transactions.isResolvable() ? Optional.of(transactions.get()) : Optional.empty();
        return OutboxOrderAnalytics.create(client.config(), new JtaConnection(dataSource, jta), settings.table())
                .withIdentities(browser);
    }

    /** Early, so that health and meters find the monitor. */
    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent started) {
        if (!enabled) {
            return;
        }
        AgroalDataSource dataSource = dataSource();
        initializeSchema(dataSource);
        OutboxAdmin admin = OutboxAdmin.create(dataSource, settings.table());
        monitor = OutboxMonitor.create(admin, MONITOR_REFRESH);
        if (settings.relayEnabled()) {
            PostHogOrderAnalytics sender = client.get();
            OutboxRelayBuilder builder = OutboxRelay.builder(dataSource, sender)
                    .table(settings.table())
                    .shutdownTimeout(sender.config().shutdownTimeout());
            settings.batchSize().ifPresent(builder::batchSize);
            settings.maxBatchBytes().ifPresent(size -> builder.maxBatchBytes(size.asLongValue()));
            settings.pollInterval().ifPresent(builder::pollInterval);
            settings.lease().ifPresent(builder::lease);
            settings.initialBackoff().ifPresent(builder::initialBackoff);
            settings.maxBackoff().ifPresent(builder::maxBackoff);
            relay = builder.build().start();
        }
    }

    /** Before the container destroys the client: the relay's last round still has it to send with. */
    void stop(@Observes ShutdownEvent stopping) {
        OutboxRelay r = relay;
        if (r != null) {
            r.close();
        }
        OutboxMonitor m = monitor;
        if (m != null) {
            m.close();
        }
    }

    /** The relay running in this instance, if any. */
    public Optional<OutboxRelay> relay() {
        return Optional.ofNullable(relay);
    }

    /** The table's backlog, read at most every 5 s off the caller's thread; empty before start. */
    public Optional<OutboxMonitor> monitor() {
        return Optional.ofNullable(monitor);
    }

    private AgroalDataSource dataSource() {
        String name = settings.dataSource().orElse(DataSourceUtil.DEFAULT_DATASOURCE_NAME);
        InjectableInstance<AgroalDataSource> dataSource = AgroalDataSourceUtil.dataSourceInstance(name);
        if (!dataSource.isResolvable()) {
            throw new ConfigurationException("order-analytics.outbox.data-source: no Agroal DataSource named '" + name
                    + "' (the application has " + AgroalDataSourceUtil.activeDataSourceNames() + ")");
        }
        return dataSource.get();
    }

    private synchronized void initializeSchema(AgroalDataSource dataSource) {
        if (schemaReady) {
            return;
        }
        schemaReady = true;
        OrderAnalyticsConfig.InitializeSchema when = settings.initializeSchema();
        try {
            if (when == OrderAnalyticsConfig.InitializeSchema.ALWAYS
                    || (when == OrderAnalyticsConfig.InitializeSchema.EMBEDDED && inMemory(dataSource))) {
                OutboxSchema.create(dataSource, settings.table());
            }
        } catch (SQLException e) {
            // The relay's schema check and the health check say what is wrong; writes fail loudly.
            log.error("order-analytics could not create the outbox table {}: {}", settings.table(), e.toString());
        }
    }

    /** An in-memory H2 database, as Spring Boot means "embedded": never a server, never a file. */
    private static boolean inMemory(AgroalDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL();
            return url != null && url.startsWith("jdbc:h2:mem:");
        }
    }
}
