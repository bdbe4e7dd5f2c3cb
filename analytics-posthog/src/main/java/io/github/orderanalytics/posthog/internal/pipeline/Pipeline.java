package io.github.orderanalytics.posthog.internal.pipeline;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.DeliveryStats;
import io.github.orderanalytics.posthog.EncodedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code PostHogOrderAnalytics} delegates to: the capture client, or a disabled stand-in.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public interface Pipeline {
    /** Takes an event of any kind; the caller has checked that neither argument is null. */
    void accept(OrderEvent event, Identity identity);

    boolean flush(Duration timeout);

    void close();

    DeliveryStats stats();

    /**
     * Sends events written earlier, on this thread, each request once; see {@code SendNow}. With {@code
     * backfill}, a request whose events are all over 48 hours old goes as {@code historical_migration}
     * whatever the client's setting.
     */
    List<EncodedEvent.Outcome> sendNow(List<EncodedEvent> events, boolean backfill) throws InterruptedException;

    /** Every event to be tried again later, for {@code why}. */
    static List<EncodedEvent.Outcome> allRetry(List<EncodedEvent> events, String why) {
        List<EncodedEvent.Outcome> outcomes = new ArrayList<>(events.size());
        for (EncodedEvent e : events) {
            outcomes.add(new EncodedEvent.Outcome(e, EncodedEvent.Result.RETRY, why, Optional.empty()));
        }
        return outcomes;
    }
}
