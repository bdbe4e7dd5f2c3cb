package io.github.orderanalytics.quarkus.internal;

import io.github.orderanalytics.outbox.OutboxMonitor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * With the outbox, readiness: {@code DOWN} while its table cannot be read (missing, the database
 * unreachable), because then every order's transaction fails on its row. PostHog being down is not
 * this check's business (see the wellness check): the rows wait in the table.
 */
@Readiness
@Singleton
public class OutboxReadinessCheck implements HealthCheck {
    private final OutboxSupport outbox;

    @Inject
    OutboxReadinessCheck(OutboxSupport outbox) {
        this.outbox = outbox;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("order-analytics-outbox");
        if (!outbox.enabled()) {
            return health.up().withData("enabled", false).build();
        }
        Optional<OutboxMonitor.Reading> reading = outbox.monitor().map(OutboxMonitor::latest);
        Optional<String> failure = reading.flatMap(OutboxMonitor.Reading::failure);
        health.status(reading.isPresent() && failure.isEmpty());
        failure.ifPresent(why -> health.withData("failure", why));
        reading.flatMap(OutboxMonitor.Reading::backlog)
                .ifPresent(
                        backlog -> health.withData("pending", backlog.pending()).withData("dead", backlog.dead()));
        health.withData("relay", outbox.relay().isPresent());
        return health.build();
    }
}
