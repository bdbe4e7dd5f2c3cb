package io.github.orderanalytics.posthog.internal;

/** How far close() has got; read by every stage. */
final class RunState {
    /** No new events: set when close() starts. */
    volatile boolean closed;
    /** close() stopped trying: senders stop, and whatever is left is settled as undelivered. */
    volatile boolean stopped;
}
