package io.github.orderanalytics.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.EncodedEvent;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's round on its own, without HTTP: a stand-in {@link EventSender} answers each event, and the
 * table (H2) shows what the round made of each answer. Over HTTP, {@code OutboxContract} proves the same
 * against FakePostHog on every database.
 */
class RelayRoundTest {
    private final DataSource dataSource = Databases.h2();
    private final List<List<EncodedEvent>> sent = new CopyOnWriteArrayList<>();
    // Never sends: the relay is given a stand-in sender; the client is only what the builder asks for.
    private final PostHogOrderAnalytics unused =
            PostHogOrderAnalytics.create(PostHogConfig.builder().build());
    private OutboxOrderAnalytics outbox;

    @BeforeEach
    void setUp() throws SQLException {
        Databases.recreate(dataSource);
        outbox = OutboxOrderAnalytics.create(PostHogConfig.builder().build());
    }

    @AfterEach
    void tearDown() {
        unused.close();
    }

    private void write(String... orderIds) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (String id : orderIds) {
                outbox.orderPlaced(
                        c, Order.builder(id, Money.of("10.00", "EUR")).build(), Identity.customer("c"));
            }
            c.commit();
        }
    }

    /** A sender that answers each event by its order id. */
    private EventSender answering(Map<String, EncodedEvent.Result> byOrder) {
        return events -> {
            sent.add(List.copyOf(events));
            List<EncodedEvent.Outcome> outcomes = new ArrayList<>();
            for (EncodedEvent e : events) {
                String orderId = byOrder.keySet().stream()
                        .filter(id -> e.json().contains("\"order_id\":\"" + id + "\""))
                        .findFirst()
                        .orElseThrow();
                outcomes.add(new EncodedEvent.Outcome(e, byOrder.get(orderId), "stand-in", Optional.empty()));
            }
            return outcomes;
        };
    }

    private OutboxRelay relay(EventSender sender) {
        return OutboxRelay.builder(dataSource, unused).sender(sender).build();
    }

    @Test
    void eachAnswerHasItsOutcome() throws Exception {
        write("ord_ok", "ord_refused", "ord_key");
        OutboxRelay relay = relay(answering(Map.of(
                "ord_ok", EncodedEvent.Result.DELIVERED,
                "ord_refused", EncodedEvent.Result.REJECTED,
                "ord_key", EncodedEvent.Result.API_KEY_REFUSED)));

        RelayRound round = relay.relayOnce();

        assertThat(round).isEqualTo(new RelayRound(3, 1, 1, 1));
        assertThat(sent).singleElement().satisfies(events -> assertThat(events).hasSize(3));
        OutboxBacklog backlog = relay.admin().backlog();
        assertThat(backlog.pending())
                .as("the refused key's row waits for the fixed key")
                .isEqualTo(1);
        assertThat(backlog.dead()).as("the refused event").isEqualTo(1);
        assertThat(relay.totals()).isEqualTo(new RelayTotals(1, 1, 1));
        assertThat(relay.relayOnce())
                .as("the rescheduled row is not due yet: backoff")
                .isEqualTo(new RelayRound(0, 0, 0, 0));
    }

    @Test
    void aSenderInterruptedMidRequestGivesTheRowsBackAtOnce() throws Exception {
        write("ord_1", "ord_2");
        OutboxRelay interrupted = relay(events -> {
            sent.add(List.copyOf(events));
            throw new InterruptedException("stopped mid-request");
        });

        assertThatThrownBy(interrupted::relayOnce).isInstanceOf(InterruptedException.class);

        OutboxRelay next = relay(
                answering(Map.of("ord_1", EncodedEvent.Result.DELIVERED, "ord_2", EncodedEvent.Result.DELIVERED)));
        assertThat(next.relayOnce())
                .as("released, not leased until the lease runs out")
                .isEqualTo(new RelayRound(2, 2, 0, 0));
        assertThat(Databases.rows(dataSource)).isZero();
    }

    @Test
    void anEmptyTableIsARoundOfNothingAndNoRequest() throws Exception {
        OutboxRelay relay = relay(answering(Map.of()));

        assertThat(relay.relayOnce()).isEqualTo(new RelayRound(0, 0, 0, 0));
        assertThat(sent).isEmpty();
    }
}
