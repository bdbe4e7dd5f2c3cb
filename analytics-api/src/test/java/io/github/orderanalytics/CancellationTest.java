package io.github.orderanalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CancellationTest {

    @Test
    void buildsTheDesignExample() {
        Instant cancelledAt = Instant.parse("2026-11-28T08:00:00Z");
        Cancellation cancellation = Cancellation.builder("ord_1001")
                .cancelledAt(cancelledAt)
                .reason("customer_request")
                .property("channel", "web")
                .build();

        assertThat(cancellation.kind()).isEqualTo(OrderEvent.Kind.CANCELLED);
        assertThat(cancellation.orderId()).isEqualTo("ord_1001");
        assertThat(cancellation.cancelledAt()).isEqualTo(cancelledAt).isEqualTo(cancellation.occurredAt());
        assertThat(cancellation.reason()).contains("customer_request");
        assertThat(cancellation.properties()).containsExactly(Map.entry("channel", "web"));
        assertThat(cancellation.toBuilder().build()).isEqualTo(cancellation).hasSameHashCodeAs(cancellation);
        assertThat(cancellation.toBuilder().reason("out_of_stock").build()).isNotEqualTo(cancellation);
        assertThat(cancellation.toString()).isEqualTo("Cancellation{ord_1001, cancelledAt=2026-11-28T08:00:00Z}");
    }

    @Test
    void cancelledAtDefaultsToTheTimeOfBuild() {
        Instant before = Instant.now();
        assertThat(Cancellation.builder("ord_1").build().cancelledAt()).isBetween(before, Instant.now());
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Cancellation.builder(""))
                .withMessage("orderId must not be blank: ''");
        assertThatNullPointerException()
                .isThrownBy(() -> Cancellation.builder(null))
                .withMessage("orderId == null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Cancellation.builder("ord_1").reason(" "))
                .withMessage("reason must not be blank: ' '");
        Instant tooLate = Instant.now().plus(Duration.ofHours(24));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Cancellation.builder("ord_1").cancelledAt(tooLate))
                .withMessage("cancelledAt must be at most 23 hours ahead of now, as PostHog moves later events to"
                        + " the time they arrive: " + tooLate);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Cancellation.builder("ord_1").property("reason", "x"))
                .withMessage("property key clashes with a standard order event property: 'reason'");
    }

    @Test
    void limitsPropertiesAndSizeAsAnOrderDoes() {
        Cancellation.Builder p = Cancellation.builder("ord_1");
        for (int i = 0; i < Order.MAX_PROPERTIES; i++) {
            p.property("k" + i, i);
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() -> p.property("one_more", 1))
                .withMessage("properties: a cancellation has at most 200 custom properties, cannot add 'one_more'");

        Cancellation.Builder large = Cancellation.builder("ord_1");
        for (int i = 0; i < 100; i++) {
            large.property("k" + i, "\u20ac".repeat(2_000));
        }
        assertThatIllegalArgumentException()
                .isThrownBy(large::build)
                .withMessageStartingWith("cancellation of order ord_1 is too large for one PostHog event");
    }

    @Test
    void reportsItselfByItsOwnMethod() {
        List<String> calls = new ArrayList<>();
        Cancellation.builder("ord_9").build().reportTo(new RefundTest.CallLog(calls), Identity.customer("c"));
        Order.builder("ord_8", Money.of("1.00", "EUR"))
                .build()
                .reportTo(new RefundTest.CallLog(calls), Identity.customer("c"));
        assertThat(calls).containsExactly("orderCancelled ord_9", "orderPlaced ord_8");
    }
}
