package io.github.orderanalytics.spring.testing;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.spring.OrderPlacedEvent;
import io.github.orderanalytics.spring.TransactionAwareOrderAnalytics;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import io.github.orderanalytics.testkit.spring.UseRecordingOrderAnalytics;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** The testkit's one annotation, in a real Boot test context with the starter. */
@SpringBootTest(classes = TestApplication.class, properties = "order-analytics.posthog.api-key=phc_never_used")
@UseRecordingOrderAnalytics
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UseRecordingOrderAnalyticsTest {
    @Autowired
    OrderAnalytics analytics;

    @Autowired
    RecordingOrderAnalytics recording;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationContext context;

    @Test
    @Order(1)
    void theRecordingTakesTheClientsPlaceBehindTheAfterCommitBean() {
        assertThat(context.getBeansOfType(PostHogOrderAnalytics.class)).isEmpty();
        assertThat(analytics).isInstanceOf(TransactionAwareOrderAnalytics.class);
        assertThat(((TransactionAwareOrderAnalytics) analytics).delegate()).isSameAs(recording);

        analytics.orderPlaced(order("ord_1"), Identity.customer("c"));

        assertThat(recording).hasPlacedOnly("ord_1");
    }

    @Test
    @Order(2)
    void eachTestStartsEmptyAndSeesOnlyCommittedOrders() {
        transactions.executeWithoutResult(status -> {
            analytics.orderPlaced(order("ord_rolled_back"), Identity.customer("c"));
            context.publishEvent(new OrderPlacedEvent(order("ord_event_rolled_back"), Identity.customer("c")));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> {
            analytics.orderPlaced(order("ord_committed"), Identity.customer("c"));
            context.publishEvent(new OrderPlacedEvent(order("ord_event_committed"), Identity.customer("c")));
            assertThat(recording.events()).as("nothing before commit").isEmpty();
        });

        assertThat(recording).hasPlacedOnly("ord_committed", "ord_event_committed");
    }

    private static io.github.orderanalytics.Order order(String id) {
        return io.github.orderanalytics.Order.builder(id, Money.of("12.50", "EUR"))
                .build();
    }
}
