package io.github.orderanalytics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.quarkus.TransactionAwareOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RemoteFakePostHog;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OrderAnalytics bean under Narayana: an order is reported after its transaction commits, never when
 * it rolls back, at once without one; delivered over HTTP to the Dev Service's FakePostHog.
 */
class AfterCommitTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final QuarkusUnitTest app = ShopApp.on("aftercommit");

    @Inject
    Shop shop;

    @Inject
    OrderAnalytics analytics;

    @Inject
    PostHogOrderAnalytics client;

    private RemoteFakePostHog posthog;

    @BeforeEach
    void connect() {
        posthog = DevServicePostHog.emptied();
    }

    @Test
    void theDevServicePointsTheClientAtAFakePostHog() {
        assertThat(client.config().host().getHost()).isEqualTo("127.0.0.1");
        assertThat(client.config().apiKey()).contains(FakePostHog.API_KEY);
        assertThat(posthog.events()).isEmpty();
    }

    @Test
    void theBeanWaitsForTheTransaction() {
        assertThat(analytics).isInstanceOf(TransactionAwareOrderAnalytics.class);
        assertThat(((TransactionAwareOrderAnalytics) analytics).delegate()).isSameAs(client);
    }

    @Test
    void aCommittedOrderIsReportedOnceAndARolledBackOneNever() throws Exception {
        assertThatThrownBy(() -> shop.place("ord_declined", true)).isInstanceOf(IllegalStateException.class);
        shop.placeThenMarkRollback("ord_marked");
        shop.place("ord_paid", false);

        assertThat(client.flush(WAIT)).isTrue();
        assertThat(orderIds(posthog.awaitEvents(1, WAIT))).containsExactly("ord_paid");
    }

    @Test
    void anInnerTransactionThatRollsBackTakesOnlyItsOwnOrder() throws Exception {
        shop.placeAroundAFailedInnerOrder("ord_outer", "ord_inner");

        assertThat(client.flush(WAIT)).isTrue();
        assertThat(orderIds(posthog.awaitEvents(1, WAIT))).containsExactly("ord_outer");
    }

    @Test
    void refundsAndCancellationsWaitForTheTransactionToo() {
        assertThatThrownBy(() -> shop.refundAndCancel("ord_undone", true)).isInstanceOf(IllegalStateException.class);
        shop.refundAndCancel("ord_kept", false);

        assertThat(client.flush(WAIT)).isTrue();
        List<PostHogEvent> events = posthog.awaitEvents(2, WAIT);
        assertThat(events).extracting(PostHogEvent::event).containsExactly("order_refunded", "order_cancelled");
        assertThat(orderIds(events)).containsOnly("ord_kept");
    }

    @Test
    void withoutATransactionTheOrderIsReportedAtOnce() {
        shop.placeWithoutTransaction("ord_direct");

        assertThat(orderIds(posthog.awaitEvents(1, WAIT))).containsExactly("ord_direct");
    }

    private static List<Object> orderIds(List<PostHogEvent> events) {
        return events.stream().map(e -> e.properties().get("order_id")).toList();
    }
}
