package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogEvent;
import java.util.List;
import java.util.stream.Collectors;

/** Short, readable summaries of events for failure messages. */
final class Describe {
    private Describe() {}

    static String events(List<RecordedOrderEvent> events) {
        return postHogEvents(events.stream().map(RecordedOrderEvent::event).collect(Collectors.toList()));
    }

    static String postHogEvents(List<PostHogEvent> events) {
        if (events.isEmpty()) {
            return "[] (no events)";
        }
        return events.stream().map(Describe::event).collect(Collectors.joining(",\n  ", "[\n  ", "\n]"));
    }

    /** Browser events with what joins them to an order: distinct id and session. */
    static String browserEvents(List<PostHogEvent> events) {
        if (events.isEmpty()) {
            return "[] (no browser events)";
        }
        return events.stream()
                .map(e -> e.event() + " by " + e.distinctId() + ", session "
                        + e.properties().get("$session_id")
                        + (e.properties().containsKey("$anon_distinct_id")
                                ? ", anonymous before: " + e.properties().get("$anon_distinct_id")
                                : ""))
                .collect(Collectors.joining(",\n  ", "[\n  ", "\n]"));
    }

    static String event(PostHogEvent e) {
        Object refundId = e.properties().get("refund_id");
        Object total = e.properties().get("total");
        return e.event() + " " + e.properties().get("order_id") + (refundId != null ? " refund " + refundId : "")
                + " for " + e.properties().get("identity_type") + " " + e.distinctId()
                + (total != null ? ", total " + total + " " + e.properties().get("currency") : "");
    }
}
