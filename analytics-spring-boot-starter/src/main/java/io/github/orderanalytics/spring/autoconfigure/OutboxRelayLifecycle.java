package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.outbox.OutboxRelay;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the relay while the application runs: started once the context is refreshed (so a table
 * missing at start fails the start, naming the DDL), stopped with the other lifecycle beans, before
 * the client it sends through is closed.
 */
final class OutboxRelayLifecycle implements SmartLifecycle {
    private final OutboxRelay relay;
    private volatile boolean running;

    OutboxRelayLifecycle(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public void start() {
        relay.start();
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
