package io.github.orderanalytics.testkit;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThatNullPointerException;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event made of a captured call is the one the client sends over HTTP and the recording keeps. */
class PostHogEventsTest {
    private static final Instant PLACED = Instant.now().minusSeconds(60);

    private static final Order ORDER = Order.builder("ord_1001", Money.of("49.99", "EUR"))
            .placedAt(PLACED)
            .tax(Money.of("7.99", "EUR"))
            .item(LineItem.builder("prod_7", 2, Money.of("21.00", "EUR"))
                    .name("Mug")
                    .build())
            .build();
    private static final Refund REFUND = Refund.builder(ORDER, "re_77", Money.of("20.00", "EUR"))
            .refundedAt(PLACED.plusSeconds(10))
            .build();
    private static final Cancellation CANCELLATION = Cancellation.builder("ord_1002")
            .cancelledAt(PLACED.plusSeconds(20))
            .reason("fraud")
            .build();

    @Test
    void eachKindIsTheEventTheClientSendsOverHttp() {
        Identity guest = Identity.guest("jane@example.com")
                .withBrowser(BrowserContext.of(null, BrowserIds.sessionStartedAt(PLACED.minusSeconds(30))));
        List<OrderEvent> reported = List.of(ORDER, REFUND, CANCELLATION);
        try (FakePostHog fake = FakePostHog.start();
                PostHogOrderAnalytics client =
                        PostHogOrderAnalytics.create(fake.clientConfig().build())) {
            reported.forEach(event -> event.reportTo(client, guest));

            List<PostHogEvent> received = fake.awaitEvents(3, Duration.ofSeconds(10));

            assertThat(reported.stream().map(event -> PostHogEvents.of(event, guest)))
                    .containsExactlyInAnyOrderElementsOf(received);
        }
        assertThat(PostHogEvents.of(ORDER, Identity.customer("cus_42")))
                .hasDistinctId("cus_42")
                .hasTotal("49.99", "EUR")
                .hasRevenue("42.00", "EUR")
                .hasProduct("prod_7", 2, "21.00")
                .hasUuidOfItsOrder();
    }

    @Test
    void itIsTheEventTheRecordingKeepsWithTheSameSettings() {
        PostHogConfig config =
                PostHogConfig.builder().guestIdKey("k".repeat(32)).build();
        RecordingOrderAnalytics recording = RecordingOrderAnalytics.create(config);
        Identity guest = Identity.guest("jane@example.com");

        recording.orderPlaced(ORDER, guest);

        PostHogEvent recorded = recording.events().get(0).event();
        assertThat(PostHogEvents.of(ORDER, guest, config)).isEqualTo(recorded);
        assertThat(PostHogEvents.of(ORDER, guest))
                .as("other settings, another guest id")
                .isNotEqualTo(recorded);
    }

    @Test
    void nullsAreRefusedByName() {
        assertThatNullPointerException()
                .isThrownBy(() -> PostHogEvents.of(null, Identity.customer("c")))
                .withMessage("reported == null");
        assertThatNullPointerException()
                .isThrownBy(() -> PostHogEvents.of(ORDER, null))
                .withMessage("identity == null");
        assertThatNullPointerException()
                .isThrownBy(() -> PostHogEvents.of(ORDER, Identity.customer("c"), null))
                .withMessage("config == null");
    }
}
