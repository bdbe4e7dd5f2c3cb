package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogEvent;
import java.util.Objects;

/**
 * An event that {@link FakePostHog} received but that real PostHog would drop or alter, with the
 * rule it broke. Such events do not count as received.
 *
 * @param event the event as it arrived
 * @param rule what PostHog would do and why, for example
 *     {@code "distinct_id 'null' is one PostHog refuses (a placeholder, not a person): dropped"}
 * @since 0.1.0
 */
public record RuleViolation(PostHogEvent event, String rule) {
    public RuleViolation {
        Objects.requireNonNull(event, "event == null");
        Objects.requireNonNull(rule, "rule == null");
    }

    @Override
    public String toString() {
        return "event " + event.uuid() + " (" + event.event() + ", order "
                + event.properties().get("order_id") + "): " + rule;
    }
}
