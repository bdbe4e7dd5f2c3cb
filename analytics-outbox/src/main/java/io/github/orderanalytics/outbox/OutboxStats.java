package io.github.orderanalytics.outbox;

import java.util.Objects;

/**
 * The outbox table as a relay sees it, and what that relay did since it started: each count in one place.
 *
 * <pre>{@code
 * OutboxStats stats = relay.stats();
 * stats.backlog().pending();      // rows waiting, all relays'
 * stats.relayed().delivered();    // rows this relay delivered
 * }</pre>
 *
 * @param backlog the table: rows waiting, the oldest one's age, dead rows
 * @param relayed what this relay did, from memory
 * @since 0.1.0
 */
public record OutboxStats(OutboxBacklog backlog, RelayTotals relayed) {
    public OutboxStats {
        Objects.requireNonNull(backlog, "backlog == null");
        Objects.requireNonNull(relayed, "relayed == null");
    }
}
