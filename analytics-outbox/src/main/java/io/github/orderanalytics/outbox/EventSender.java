package io.github.orderanalytics.outbox;

import io.github.orderanalytics.posthog.EncodedEvent;
import java.util.List;

/**
 * What a relay sends a round's events through: {@code PostHogOrderAnalytics::sendNow}, or in tests a
 * stand-in that answers without HTTP. One outcome per event, in order.
 */
@FunctionalInterface
interface EventSender {
    List<EncodedEvent.Outcome> send(List<EncodedEvent> events) throws InterruptedException;
}
