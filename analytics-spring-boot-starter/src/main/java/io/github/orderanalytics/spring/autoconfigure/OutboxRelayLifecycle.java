package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.spring.OutboxProperties.InitializeSchema;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the relay while the application runs: started once the context is refreshed (so a table
 * missing at start fails the start, naming the DDL), stopped with the other lifecycle beans, before
 * the client it sends through is closed.
 */
final class OutboxRelayLifecycle implements SmartLifecycle {
    private final OutboxRelay relay;
    private final InitializeSchema initializeSchema;
    private volatile boolean running;

    OutboxRelayLifecycle(OutboxRelay relay, InitializeSchema initializeSchema) {
        this.relay = relay;
        this.initializeSchema = initializeSchema;
    }

    @Override
    public void start() {
        try {
            relay.start();
        } catch (IllegalStateException e) {
            if (initializeSchema == InitializeSchema.ALWAYS) {
                throw e;
            }
            throw new IllegalStateException(
                    e.getMessage() + " Or let the starter create it at start:"
                            + " order-analytics.outbox.initialize-schema=always (it is "
                            + OutboxSchemaInitializer.name(initializeSchema) + ").",
                    e);
        }
        running = true;
    }

    @Override
    public void stop() {
        relay.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
