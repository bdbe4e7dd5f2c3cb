package io.github.orderanalytics.outbox;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.BrowserIds;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakeResponse;
import io.github.orderanalytics.testsupport.Await;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the outbox and its relay do on a database, as a suite each database extends: the write in
 * the caller's transaction, and every way a relay round can end, over real HTTP to FakePostHog.
 */
abstract class OutboxContract {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant PLACED_AT = Instant.now().minusSeconds(60);

    protected final FakePostHog posthog = FakePostHog.start();
    protected final MutableClock clock = new MutableClock();
    protected DataSource dataSource;
    protected PostHogConfig config;
    protected PostHogOrderAnalytics client;
    protected OutboxOrderAnalytics outbox;
    private final List<OutboxRelay> relays = new ArrayList<>();

    /** A database whose outbox and orders tables the test may drop and create. */
    protected abstract DataSource database();

    @BeforeEach
    void setUp() throws SQLException {
        dataSource = database();
        Databases.recreate(dataSource);
        config = posthog.clientConfig().build();
        client = PostHogOrderAnalytics.create(config);
        outbox = OutboxOrderAnalytics.create(config);
    }

    @AfterEach
    void tearDown() {
        relays.forEach(OutboxRelay::close);
        if (client != null) { // null when the database was missing and the test skipped
            client.close();
        }
        posthog.close();
    }

    protected OutboxRelay relay(String id) {
        OutboxRelay relay =
                OutboxRelay.builder(dataSource, client).relayId(id).clock(clock).build();
        relays.add(relay);
        return relay;
    }

    protected static Order order(String id) {
        return Order.builder(id, Money.of("25.00", "EUR")).placedAt(PLACED_AT).build();
    }

    /** Places an order the way a service does: the order row and the event row in one transaction. */
    protected void placeOrder(String id, boolean commit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            insertOrder(c, id);
            outbox.orderPlaced(c, order(id), Identity.customer("cus_" + id));
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        }
    }

    private static void insertOrder(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO orders (id, total) VALUES (?, ?)")) {
            s.setString(1, id);
            s.setBigDecimal(2, new BigDecimal("25.00"));
            s.executeUpdate();
        }
    }

    protected long rows(String where) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM order_analytics_outbox WHERE " + where)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void aCommittedOrderIsRelayedExactlyAsMappedAndItsRowDeleted() throws Exception {
        placeOrder("ord_1", true);
        assertThat(rows("1 = 1")).isEqualTo(1);

        RelayRound round = relay("r1").relayOnce();

        assertThat(round).isEqualTo(new RelayRound(1, 1, 0, 0));
        assertThat(posthog).receivedOnly("ord_1").hasNoViolations();
        assertThat(posthog.events().get(0))
                .isEqualTo(
                        PostHogEventMapper.create(config).orderPlaced(order("ord_1"), Identity.customer("cus_ord_1")));
        assertThat(rows("1 = 1")).isZero();
    }

    @Test
    void aRolledBackOrderLeavesNoRowAndIsNeverSent() throws Exception {
        placeOrder("ord_rolled_back", false);

        assertThat(rows("1 = 1")).isZero();
        assertThat(relay("r1").relayOnce()).isEqualTo(RelayRound.NONE);
        assertThat(posthog.requests()).isEmpty();
    }

    @Test
    void refundsAndCancellationsAreRowsLikeOrdersAndGoOnlyWhenCommitted() throws Exception {
        placeOrder("ord_1", true);
        Refund refund = Refund.builder("ord_1", "re_1", Money.of("10.00", "EUR"))
                .refundedAt(PLACED_AT)
                .build();
        Refund rolledBack = refund.toBuilder().build();
        Cancellation cancellation =
                Cancellation.builder("ord_1").cancelledAt(PLACED_AT).build();
        Identity buyer = Identity.customer("cus_ord_1");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            outbox.on(c).orderRefunded(refund, buyer);
            outbox.orderCancelled(c, cancellation, buyer);
            c.commit();
            outbox.orderRefunded(
                    c, Refund.builder("ord_1", "re_2", Money.of("1.00", "EUR")).build(), buyer);
            c.rollback();
        }
        assertThat(rows("1 = 1")).isEqualTo(3);

        RelayRound round = relay("r1").relayOnce();

        assertThat(round).isEqualTo(new RelayRound(3, 3, 0, 0));
        PostHogEventMapper mapper = PostHogEventMapper.create(config);
        assertThat(posthog.events())
                .containsExactlyInAnyOrder(
                        mapper.orderPlaced(order("ord_1"), buyer),
                        mapper.orderRefunded(rolledBack, buyer),
                        mapper.orderCancelled(cancellation, buyer));
        assertThat(posthog).receivedRefund("ord_1", "re_1").hasRevenue("-10.00", "EUR");
        assertThat(rows("1 = 1")).isZero();
    }

    @Test
    void aRowCarriesTheBrowserContextAndTheIdentifyThatGoesWithIt() throws Exception {
        String visitor = "01a21c72-9100-7abc-9def-0123456789ab";
        String session = BrowserIds.sessionStartedAt(PLACED_AT.minusSeconds(300));
        BrowserContext browser = BrowserContext.of(visitor, session);
        PostHogConfig linking = config.toBuilder().linkBrowserToCustomer(true).build();
        OutboxOrderAnalytics linkingOutbox = OutboxOrderAnalytics.create(linking);
        Identity customer = Identity.customer("cus_1").withBrowser(browser);
        Identity guest = Identity.guest("jane@example.com").withBrowser(browser);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            linkingOutbox.orderPlaced(c, order("ord_1"), customer);
            linkingOutbox.orderPlaced(c, order("ord_2"), guest);
            c.commit();
        }

        assertThat(relay("r1").relayOnce()).isEqualTo(new RelayRound(2, 2, 0, 0));

        PostHogEventMapper mapper = PostHogEventMapper.create(linking);
        List<PostHogEvent> expected = new ArrayList<>(mapper.events(order("ord_1"), customer));
        expected.addAll(mapper.events(order("ord_2"), guest));
        assertThat(posthog.events()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(posthog).receivedOrder("ord_2").hasDistinctId(visitor).hasProperty("$session_id", session);
        assertThat(posthog).receivedEventCount(3).hasNoViolations();
    }

    @Test
    void aRefundWrittenTwiceIsRelayedTwiceAndCountedOnce() throws Exception {
        Refund refund = Refund.builder("ord_1", "re_1", Money.of("10.00", "EUR"))
                .refundedAt(PLACED_AT)
                .build();
        for (int i = 0; i < 2; i++) { // a message redelivered to the service that writes the refund
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                outbox.orderRefunded(c, refund, Identity.customer("cus_1"));
                c.commit();
            }
        }

        relay("r1").relayOnce();

        assertThat(posthog.events()).hasSize(2);
        assertThat(posthog.countedEvents())
                .extracting(PostHogEvent::uuid)
                .containsExactly(PostHogEventMapper.orderRefundedUuid("ord_1", "re_1"));
    }

    @Test
    void whenTheOrderInsertFailsAfterTheOutboxWriteNoEventIsEverSent() throws Exception {
        placeOrder("ord_taken", true);
        relay("r1").relayOnce();
        posthog.reset();

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            outbox.orderPlaced(c, order("ord_taken"), Identity.customer("c")); // written first...
            assertThatThrownBy(() -> insertOrder(c, "ord_taken")) // ...then the order's own insert fails
                    .isInstanceOf(SQLException.class);
            c.rollback();
        }

        assertThat(relay("r2").relayOnce()).isEqualTo(RelayRound.NONE);
        assertThat(posthog.requests()).isEmpty();
    }

    @Test
    void aRowThatCannotBeWrittenThrowsSoTheOrdersTransactionFails() throws Exception {
        OutboxOrderAnalytics wrongTable =
                OutboxOrderAnalytics.create(config, dataSource::getConnection, "no_such_table");

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            insertOrder(c, "ord_x");
            assertThatThrownBy(() -> wrongTable.on(c).orderPlaced(order("ord_x"), Identity.customer("c")))
                    .isInstanceOf(OutboxWriteException.class)
                    .hasMessageContaining("no_such_table");
            c.rollback(); // what a transaction template does with the exception
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM orders")) {
            r.next();
            assertThat(r.getLong(1)).as("no order without its event").isZero();
        }
    }

    @Test
    void withoutACurrentTransactionTheInterfaceMethodSaysHowToCallIt() {
        assertThatThrownBy(() -> outbox.orderPlaced(order("ord_1"), Identity.customer("c")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("orderPlaced(connection, order, identity)");
    }

    @Test
    void aServerErrorReschedulesTheRowWithBackoffUntilItIsDue() throws Exception {
        posthog.enqueue(FakeResponse.status(503));
        placeOrder("ord_1", true);
        OutboxRelay relay = relay("r1");

        assertThat(relay.relayOnce()).isEqualTo(new RelayRound(1, 0, 1, 0));
        assertThat(rows("attempts = 1 AND claimed_by IS NULL AND last_error = 'HTTP 503'"))
                .isEqualTo(1);
        assertThat(relay.relayOnce()).as("not due yet").isEqualTo(RelayRound.NONE);

        clock.advance(Duration.ofSeconds(2)); // past the first backoff (at most 1 s)
        assertThat(relay.relayOnce()).isEqualTo(new RelayRound(1, 1, 0, 0));
        assertThat(posthog).receivedOnly("ord_1");
        assertThat(rows("1 = 1")).isZero();
    }

    @Test
    void anEventPostHogRefusesIsKeptDeadWithItsReasonAndTheOthersDelivered() throws Exception {
        posthog.rejectEventsWhere(e -> e.properties().get("order_id").equals("ord_bad"));
        placeOrder("ord_1", true);
        placeOrder("ord_bad", true);
        placeOrder("ord_3", true);
        OutboxRelay relay = relay("r1");

        assertThat(relay.relayOnce()).isEqualTo(new RelayRound(3, 2, 0, 1));
        clock.advance(Duration.ofDays(1));
        assertThat(relay.relayOnce()).as("dead rows are never sent again").isEqualTo(RelayRound.NONE);

        assertThat(posthog).receivedOnly("ord_1", "ord_3");
        assertThat(rows("dead_at IS NOT NULL AND dead_reason = 'PostHog refused the event: HTTP 400'"))
                .isEqualTo(1);
        OutboxStats stats = relay.stats();
        assertThat(stats.backlog().dead()).isEqualTo(1);
        assertThat(stats.backlog().pending()).isZero();
        assertThat(stats.relayed().dead()).isEqualTo(1);
        assertThat(stats.relayed().delivered()).isEqualTo(2);
    }

    @Test
    void rowsOfARelayThatDiedAreTakenByAnotherOnceTheLeaseHasPassed() throws Exception {
        placeOrder("ord_1", true);
        placeOrder("ord_2", true);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE order_analytics_outbox SET claimed_by = 'dead#1', claimed_until = ?, attempts = 1")) {
            s.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(2)); // claimed, then killed
            s.executeUpdate();
        }
        OutboxRelay survivor = relay("r2");

        assertThat(survivor.relayOnce()).as("still leased").isEqualTo(RelayRound.NONE);
        clock.advance(Duration.ofMinutes(3));
        assertThat(survivor.relayOnce()).isEqualTo(new RelayRound(2, 2, 0, 0));
        assertThat(posthog).receivedOnly("ord_1", "ord_2");
    }

    /**
     * Audit finding 4: every time in the table is the database's. A relay ten minutes ahead, with a
     * two-minute lease, used to take the row a relay ten minutes behind was sending.
     */
    @Test
    void aRelayWhoseClockRunsMinutesAheadCannotTakeRowsAnotherRelayHolds() throws Exception {
        placeOrder("ord_held", true);
        posthog.respondByDefault(FakeResponse.ok().delayedBy(Duration.ofMillis(1_500)));
        OutboxRelay behind = skewedRelay("behind", Duration.ofMinutes(-10));
        OutboxRelay ahead = skewedRelay("ahead", Duration.ofMinutes(10));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<RelayRound> round = thread.submit(behind::relayOnce);
            Await.until(() -> !posthog.requests().isEmpty() || round.isDone(), WAIT, posthog::requests);

            assertThat(ahead.relayOnce()).as("the row is leased to 'behind'").isEqualTo(RelayRound.NONE);
            assertThat(round.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new RelayRound(1, 1, 0, 0));
        } finally {
            thread.shutdownNow();
        }
        assertThat(posthog.events()).hasSize(1);
    }

    /** Audit finding 4: a relay a day ahead used to reschedule its retries a day ahead, hidden from all. */
    @Test
    void aRelayADayAheadLeavesItsRetriesDueForEveryOtherRelay() throws Exception {
        placeOrder("ord_retried", true);
        posthog.enqueue(FakeResponse.status(503));
        OutboxRelay dayAhead = skewedRelay("day-ahead", Duration.ofDays(1));
        assertThat(dayAhead.relayOnce()).isEqualTo(new RelayRound(1, 0, 1, 0));
        OutboxRelay onTime = skewedRelay("on-time", Duration.ZERO);

        Await.until(
                () -> {
                    try {
                        return onTime.relayOnce().delivered() == 1;
                    } catch (SQLException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                },
                WAIT,
                () -> "the retry is not due for the on-time relay");
        assertThat(posthog).receivedOnly("ord_retried");
    }

    /** A relay whose node's clock is {@code skew} off the database's, retrying after 100 ms. */
    private OutboxRelay skewedRelay(String id, Duration skew) {
        OutboxRelay relay = OutboxRelay.builder(dataSource, client)
                .relayId(id)
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(200))
                .clock(Clock.offset(Clock.systemUTC(), skew))
                .build();
        relays.add(relay);
        return relay;
    }

    /** Dead rows operated without SQL: listed in pages, resubmitted by uuid or all, purged by age. */
    @Test
    void deadRowsAreListedResubmittedAndPurgedThroughTheAdmin() throws Exception {
        posthog.rejectEventsWhere(e -> e.properties().get("order_id").toString().startsWith("ord_bad"));
        for (String id : new String[] {"ord_bad_1", "ord_good", "ord_bad_2", "ord_bad_3"}) {
            placeOrder(id, true);
        }
        OutboxRelay relay = relay("r1");
        assertThat(relay.relayOnce()).isEqualTo(new RelayRound(4, 1, 0, 3));
        OutboxAdmin admin = relay.admin();

        List<DeadRow> dead = admin.deadRows(0, 10);
        assertThat(dead).extracting(DeadRow::reason).containsOnly("PostHog refused the event: HTTP 400");
        assertThat(dead)
                .extracting(row -> admin.deadRowPayload(row.id()).orElseThrow().contains("ord_bad_1"))
                .containsExactly(true, false, false);
        assertThat(dead)
                .allSatisfy(row -> assertThat(row.payloadBytes())
                        .isEqualTo(
                                admin.deadRowPayload(row.id()).orElseThrow().getBytes(StandardCharsets.UTF_8).length));
        assertThat(admin.deadRows(1, 1))
                .extracting(DeadRow::id)
                .containsExactly(dead.get(1).id());
        assertThat(admin.backlog()).isEqualTo(new OutboxBacklog(0, Optional.empty(), 3));

        posthog.reset(); // the cause is fixed
        assertThat(admin.resubmit(List.of(dead.get(0).eventUuid(), UUID.randomUUID())))
                .isEqualTo(1);
        assertThat(relay.relayOnce()).isEqualTo(new RelayRound(1, 1, 0, 0));
        assertThat(posthog).receivedOnly("ord_bad_1");

        clock.advance(Duration.ofDays(2));
        placeOrder("ord_waiting", true); // never purged: it waits to be delivered
        assertThat(admin.purgeDead(Duration.ofDays(3))).as("not old enough").isZero();
        assertThat(admin.purgeDead(Duration.ofDays(1))).isEqualTo(2);
        assertThat(admin.deadRows(0, 10)).isEmpty();
        assertThat(rows("1 = 1")).as("ord_waiting").isEqualTo(1);
        assertThat(admin.resubmitAll()).isZero();
        assertThatThrownBy(() -> admin.deadRows(0, OutboxAdmin.MAX_PAGE + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 1000, was 1001");
    }

    @Test
    void resubmitAllMakesEveryDeadRowDueAgain() throws Exception {
        posthog.rejectEventsWhere(e -> true);
        placeOrder("ord_a", true);
        placeOrder("ord_b", true);
        OutboxRelay relay = relay("r1");
        relay.relayOnce();
        assertThat(relay.admin().backlog().dead()).isEqualTo(2);

        posthog.reset();
        assertThat(relay.admin().resubmitAll()).isEqualTo(2);

        assertThat(relay.relayOnce()).isEqualTo(new RelayRound(2, 2, 0, 0));
        assertThat(posthog).receivedOnly("ord_a", "ord_b");
    }

    @Test
    void statsCountPendingRowsAndTheOldestOnesAge() throws Exception {
        posthog.respondByDefault(FakeResponse.status(503));
        placeOrder("ord_1", true);
        placeOrder("ord_2", true);
        OutboxRelay relay = relay("r1");
        assertThat(relay.stats().backlog().oldestPendingAge())
                .hasValueSatisfying(age -> assertThat(age)
                        .isLessThan(Duration.ofMinutes(1))); // and the relay has read the database's clock
        clock.advance(Duration.ofMinutes(5)); // five minutes pass, by the clocks of node and database alike

        OutboxStats stats = relay.stats();

        assertThat(stats.backlog().pending()).isEqualTo(2);
        assertThat(stats.backlog().oldestPendingAge())
                .hasValueSatisfying(age -> assertThat(age).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6)));
        assertThat(stats.backlog().dead()).isZero();
    }

    @Test
    void aStartedRelayDeliversCommittedOrdersOnItsOwnAndStopsOnClose() throws Exception {
        OutboxRelay relay = relay("r1").start();
        for (int i = 0; i < 20; i++) {
            placeOrder("ord_" + i, true);
        }

        posthog.awaitEvents(20, WAIT);
        relay.close();

        assertThat(posthog.events()).hasSize(20);
        Databases.awaitEmpty(dataSource, WAIT); // the last round's delete commits just after PostHog's answer
    }

    /** As Spring's {@code context.stop(); context.start()} does it. */
    @Test
    void aClosedRelayStartsAgainAndACloseBeforeStartStopsNothingLater() throws Exception {
        OutboxRelay relay = OutboxRelay.builder(dataSource, client)
                .relayId("restarted")
                .pollInterval(Duration.ofMillis(20))
                .build();
        relays.add(relay);
        relay.close(); // before any start: nothing to stop, and nothing for a later start to inherit
        relay.start();
        placeOrder("ord_first", true);
        posthog.awaitEvents(1, WAIT);
        relay.close();
        assertThat(relay.isRunning()).isFalse();

        relay.start();
        placeOrder("ord_after_restart", true);

        posthog.awaitEvents(2, WAIT);
        assertThat(posthog).receivedOnly("ord_first", "ord_after_restart");
        assertThat(relay.isRunning()).isTrue();
        assertThatThrownBy(relay::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("running already");
    }

    /** An Error in a round (OutOfMemoryError, say) used to end the relay's thread for good. */
    @Test
    void theRelaysThreadSurvivesAnError() throws Exception {
        AtomicInteger errorsLeft = new AtomicInteger(2);
        DataSource failingTwice = new ForwardingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                if (Thread.currentThread().getName().equals("order-analytics-outbox-relay")
                        && errorsLeft.getAndDecrement() > 0) {
                    throw new OutOfMemoryError("thrown by the test");
                }
                return super.getConnection();
            }
        };
        OutboxRelay relay = OutboxRelay.builder(failingTwice, client)
                .relayId("survivor")
                .pollInterval(Duration.ofMillis(10))
                .build();
        relays.add(relay);
        placeOrder("ord_after_errors", true);

        relay.start();

        posthog.awaitEvents(1, WAIT);
        assertThat(posthog).receivedOnly("ord_after_errors");
        assertThat(errorsLeft.get()).as("both errors were thrown").isNegative();
        assertThat(relay.isRunning()).isTrue();
        assertThat(relay.lastRoundAt()).isPresent();
    }

    /**
     * A pool whose connections default to REPEATABLE READ: PostgreSQL used to refuse concurrent claims
     * ({@code could not serialize access}), and the relays backed off instead of skipping each other.
     */
    @Test
    void relaysOnARepeatableReadPoolClaimConcurrentlyWithoutErrors() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            placeOrder("ord_rr_" + i, true);
        }
        DataSource repeatableRead = new ForwardingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection c = super.getConnection();
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                return c;
            }
        };
        ExecutorService claimers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> claimed = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                OutboxRelay relay = OutboxRelay.builder(repeatableRead, client)
                        .relayId("rr" + t)
                        .batchSize(50)
                        .build();
                relays.add(relay);
                claimed.add(claimers.submit(() -> {
                    int total = 0;
                    RelayRound round;
                    while ((round = relay.relayOnce()).claimed() > 0) { // a refused claim throws here
                        total += round.delivered();
                    }
                    return total;
                }));
            }
            int delivered = 0;
            for (Future<Integer> f : claimed) {
                delivered += f.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
            }
            assertThat(delivered).isEqualTo(2_000);
            assertThat(rows("1 = 1")).isZero();
        } finally {
            claimers.shutdownNow();
        }
    }

    /** Rows of about 200 KB each: a round holds at most maxBatchBytes of them, the rest wait unharmed. */
    @Test
    void aRoundHoldsAtMostMaxBatchBytesOfPayload() throws Exception {
        for (int i = 0; i < 10; i++) {
            placeLargeOrder("ord_large_" + i);
        }
        OutboxRelay relay = OutboxRelay.builder(dataSource, client)
                .relayId("bounded")
                .clock(clock)
                .maxBatchBytes(1 << 20)
                .build();
        relays.add(relay);

        RelayRound first = relay.relayOnce();

        assertThat(first.claimed()).isBetween(2, 5);
        assertThat(rows("attempts = 0"))
                .as("given back without counting an attempt")
                .isEqualTo(10 - first.claimed());
        int delivered = first.delivered();
        RelayRound round;
        while ((round = relay.relayOnce()).claimed() > 0) {
            assertThat(round.claimed()).isLessThanOrEqualTo(5);
            delivered += round.delivered();
        }
        assertThat(delivered).isEqualTo(10);
        assertThat(posthog.events()).hasSize(10);
        assertThatThrownBy(() -> OutboxRelay.builder(dataSource, client)
                        .maxBatchBytes(1000)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBatchBytes must be between 1 MiB and 1 GiB, was 1000 bytes");
    }

    private void placeLargeOrder(String id) throws SQLException {
        Order.Builder order = Order.builder(id, Money.of("25.00", "EUR")).placedAt(PLACED_AT);
        for (int p = 0; p < 200; p++) {
            order.property("note_" + p, "x".repeat(1_000));
        }
        try (Connection c = dataSource.getConnection()) {
            outbox.orderPlaced(c, order.build(), Identity.customer("c"));
        }
    }

    /**
     * A round whose request outlasts the lease: the relay renews it meanwhile, so another relay finds
     * nothing to take and the event is sent once.
     */
    @Test
    void aRoundLongerThanTheLeaseKeepsItsRows() throws Exception {
        placeOrder("ord_slow", true);
        posthog.respondByDefault(FakeResponse.ok().delayedBy(Duration.ofMillis(1_500)));
        Duration lease = Duration.ofMillis(600); // the request (1.5 s, under the 2 s timeout) outlasts it
        OutboxRelay slow = OutboxRelay.builder(dataSource, client)
                .relayId("slow")
                .lease(lease)
                .build();
        OutboxRelay other = OutboxRelay.builder(dataSource, client)
                .relayId("other")
                .lease(lease)
                .build();
        relays.add(slow);
        relays.add(other);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<RelayRound> round = thread.submit(slow::relayOnce);
            Await.until(() -> !posthog.requests().isEmpty() || round.isDone(), WAIT, posthog::requests);
            Instant leaseOver = Instant.now().plus(lease).plusMillis(200);
            Await.until(() -> Instant.now().isAfter(leaseOver), WAIT, () -> "the lease has not passed");

            assertThat(other.relayOnce())
                    .as("the slow round's row is still leased")
                    .isEqualTo(RelayRound.NONE);
            assertThat(round.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new RelayRound(1, 1, 0, 0));
        } finally {
            thread.shutdownNow();
        }
        assertThat(posthog.events()).hasSize(1);
    }

    /** A failed rollback, or a failed restore of auto-commit, used to replace the error that caused it. */
    @Test
    void aFailedRollbackNeverHidesTheFailureThatCausedIt() {
        DataSource breaking = new ForwardingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = super.getConnection();
                return (Connection) Proxy.newProxyInstance(
                        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("rollback")) {
                                throw new SQLException("the rollback failed too");
                            }
                            if (method.getName().equals("setAutoCommit") && Boolean.TRUE.equals(args[0])) {
                                throw new SQLException("restoring auto-commit failed too");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };

        Throwable thrown = catchThrowable(() -> ShortTransaction.run(breaking, c -> {
            throw new SQLException("the claim failed");
        }));

        assertThat(thrown).isInstanceOf(SQLException.class).hasMessage("the claim failed");
        assertThat(thrown.getSuppressed())
                .extracting(Throwable::getMessage)
                .containsExactly("the rollback failed too", "restoring auto-commit failed too");
    }

    @Test
    void theShippedDdlRunsAgainWithoutComplaint() throws Exception {
        OutboxSchema.create(dataSource);
        OutboxSchema.create(dataSource);

        placeOrder("ord_after_rerun", true);
        assertThat(relay("r1").relayOnce()).isEqualTo(new RelayRound(1, 1, 0, 0));
    }

    @Test
    void oldRowsGoAsHistoricalMigrationWhenTheClientSaysSo() throws Exception {
        PostHogConfig historical = config.toBuilder().historicalMigration(true).build();
        client.close();
        client = PostHogOrderAnalytics.create(historical);
        try (Connection c = dataSource.getConnection()) {
            outbox.orderPlaced(
                    c,
                    order("ord_old").toBuilder()
                            .placedAt(Instant.now().minus(Duration.ofDays(3)))
                            .build(),
                    Identity.customer("c"));
        }

        relay("r1").relayOnce();

        assertThat(posthog.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.historicalMigration()).isTrue());
    }

    @Test
    void theRelaySaysWhatTheTableLacks() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE order_analytics_outbox DROP COLUMN dead_reason");
        }
        assertThatThrownBy(() -> relay("r1").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks column(s) dead_reason")
                .hasMessageContaining("schema-");

        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE order_analytics_outbox");
        }
        assertThatThrownBy(() -> relay("r2").checkSchema())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table order_analytics_outbox cannot be read");
    }
}
