package io.github.orderanalytics.testkit;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The recording fake honours the same contract as production. */
class RecordingOrderAnalyticsContractTest extends PostHogOrderAnalyticsContract {
    @RegisterExtension
    final RecordingOrderAnalyticsExtension recording = new RecordingOrderAnalyticsExtension();

    @Override
    protected OrderAnalytics analytics() {
        return recording.recording();
    }

    @Override
    protected List<PostHogEvent> awaitReported(int count, Duration timeout) {
        return recording.recording().events().stream()
                .map(RecordedOrderEvent::event)
                .collect(Collectors.toList());
    }
}
