package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.Refund;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each row of the README's identity table ("Conversion funnels"), and the session and link rules. The
 * guest hash and the {@code $identify} uuid were computed with Python's {@code hashlib.sha256} and
 * {@code uuid.uuid5(uuid.NAMESPACE_URL, "order-analytics:$identify:ord_2001")}.
 */
class BrowserAttributionMappingTest {
    private static final String JANE_HASH = "guest_8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d";
    /** A UUIDv7 of 2026-11-27T10:00:00Z: the session started a quarter of an hour before the order. */
    private static final String SESSION = "01a21c72-9100-7cc2-8c3a-3f3b0d6e9a41";

    private static final String WINDOW = "01a21c72-9100-7000-8000-000000000001";
    private static final String VISITOR = "01a21c72-9100-7abc-9def-0123456789ab";
    private static final Instant SESSION_START = Instant.parse("2026-11-27T10:00:00Z");
    private static final BrowserContext ANONYMOUS_BROWSER = BrowserContext.of(VISITOR, SESSION, WINDOW);

    private static final PostHogEventMapper DEFAULTS =
            PostHogEventMapper.create(PostHogConfig.builder().build());
    private static final PostHogEventMapper LINKING = PostHogEventMapper.create(
            PostHogConfig.builder().linkBrowserToCustomer(true).build());

    private static Order order(Instant placedAt) {
        return Order.builder("ord_2001", Money.of("10.00", "EUR"))
                .placedAt(placedAt)
                .build();
    }

    private static Order order() {
        return order(SESSION_START.plus(Duration.ofMinutes(15)));
    }

    /** The event of {@link #order()} placed by {@code who} in a browser whose visitor nobody identified. */
    private static PostHogEvent placedInTheAnonymousBrowser(Identity who) {
        return DEFAULTS.orderPlaced(order(), who.withBrowser(ANONYMOUS_BROWSER));
    }

    @Test
    void aCustomerKeepsTheCustomerIdAndJoinsTheBrowsersSession() {
        PostHogEvent event = placedInTheAnonymousBrowser(Identity.customer("cus_42"));

        assertThat(event.distinctId()).isEqualTo("cus_42");
        assertThat(event.properties())
                .containsAllEntriesOf(Map.of("$session_id", SESSION, "$window_id", WINDOW, "identity_type", "customer"))
                .doesNotContainKeys("$process_person_profile", "guest_id", "$anon_distinct_id");
    }

    @Test
    void aBrowserClaimingSomebodysCustomerIdChangesNothingForACustomer() {
        Identity customer = Identity.customer("cus_42").withBrowser(BrowserContext.of("cus_1", SESSION));

        assertThat(DEFAULTS.orderPlaced(order(), customer).distinctId()).isEqualTo("cus_42");
        assertThat(LINKING.events(order(), customer))
                .extracting(PostHogEvent::event)
                .containsExactly("order_placed");
    }

    @Test
    void aGuestFromAnAnonymousBrowserIsFiledUnderTheBrowsersVisitorWithItsGuestId() {
        PostHogEvent event = placedInTheAnonymousBrowser(Identity.guest("jane@example.com"));

        assertThat(event.distinctId()).isEqualTo(VISITOR);
        assertThat(event.properties())
                .containsEntry("guest_id", JANE_HASH)
                .containsEntry("identity_type", "guest")
                .containsEntry("$process_person_profile", false)
                .containsEntry("$session_id", SESSION)
                .containsEntry("$window_id", WINDOW);
    }

    @Test
    void aGuestWhoseBrowserIdIsNotAnonymousStaysUnderTheGuestId() {
        // "cus_1" is what posthog-js sends after identify(): maybe another person's customer id, typed in
        Identity guest = Identity.guest("jane@example.com").withBrowser(BrowserContext.of("cus_1", SESSION));

        PostHogEvent event = DEFAULTS.orderPlaced(order(), guest);

        assertThat(event.distinctId()).isEqualTo(JANE_HASH);
        assertThat(event.properties()).containsEntry("$session_id", SESSION).doesNotContainKey("guest_id");
    }

    @Test
    void aGuestWithoutABrowserIsAsBefore() {
        PostHogEvent event = DEFAULTS.orderPlaced(order(), Identity.guest("jane@example.com"));

        assertThat(event.distinctId()).isEqualTo(JANE_HASH);
        assertThat(event.properties()).doesNotContainKeys("guest_id", "$session_id", "$window_id");
    }

    @Test
    void aGuestWithEmailIdentityKeepsTheEmailAsGuestId() {
        PostHogEventMapper byEmail = PostHogEventMapper.create(
                PostHogConfig.builder().guestIdentity(GuestIdentity.EMAIL).build());

        PostHogEvent event =
                byEmail.orderPlaced(order(), Identity.guest("jane@example.com").withBrowser(ANONYMOUS_BROWSER));

        assertThat(event.distinctId()).isEqualTo(VISITOR);
        assertThat(event.properties()).containsEntry("guest_id", "jane@example.com");
    }

    @Test
    void anAnonymousVisitorKeepsItsIdAndJoinsTheSession() {
        PostHogEvent event = placedInTheAnonymousBrowser(Identity.anonymous("visitor_9"));

        assertThat(event.distinctId()).isEqualTo("visitor_9");
        assertThat(event.properties())
                .containsEntry("$process_person_profile", false)
                .containsEntry("$session_id", SESSION)
                .doesNotContainKey("guest_id");
    }

    @Test
    void aSessionIsKeptOnlyWhileItCouldHoldTheOrder() {
        Identity customer = Identity.customer("cus_42").withBrowser(ANONYMOUS_BROWSER);

        assertThat(sessionOf(order(SESSION_START), customer)).isEqualTo(SESSION);
        assertThat(sessionOf(order(SESSION_START.plus(Duration.ofHours(24)).minusMillis(1)), customer))
                .isEqualTo(SESSION);
        assertThat(sessionOf(order(SESSION_START.plus(Duration.ofHours(24))), customer))
                .isNull();
        // the browser's clock may run a little ahead of the server's, not hours
        assertThat(sessionOf(order(SESSION_START.minus(Duration.ofMinutes(4))), customer))
                .isEqualTo(SESSION);
        assertThat(sessionOf(order(SESSION_START.minus(Duration.ofMinutes(6))), customer))
                .isNull();
        // without its session, the window goes too
        assertThat(DEFAULTS.orderPlaced(order(SESSION_START.plus(Duration.ofDays(3))), customer)
                        .properties())
                .doesNotContainKeys("$session_id", "$window_id");
    }

    private static Object sessionOf(Order order, Identity identity) {
        return DEFAULTS.orderPlaced(order, identity).properties().get("$session_id");
    }

    @Test
    void everyKindCarriesTheBrowserAsTheOrderDoes() {
        Identity guest = Identity.guest("jane@example.com").withBrowser(ANONYMOUS_BROWSER);
        Instant later = SESSION_START.plus(Duration.ofHours(1));
        Refund refund = Refund.builder("ord_2001", "re_1", Money.of("5.00", "EUR"))
                .refundedAt(later)
                .build();
        Cancellation cancellation =
                Cancellation.builder("ord_2001").cancelledAt(later).build();

        for (PostHogEvent event : List.of(DEFAULTS.event(refund, guest), DEFAULTS.event(cancellation, guest))) {
            assertThat(event.distinctId()).isEqualTo(VISITOR);
            assertThat(event.properties()).containsEntry("guest_id", JANE_HASH).containsEntry("$session_id", SESSION);
        }
    }

    @Test
    void linkingSendsOneIdempotentIdentifyBeforeACustomersOrderFromAnAnonymousBrowser() {
        Identity customer = Identity.customer("cus_42").withBrowser(ANONYMOUS_BROWSER);

        List<PostHogEvent> events = LINKING.events(order(), customer);

        assertThat(events).extracting(PostHogEvent::event).containsExactly("$identify", "order_placed");
        PostHogEvent identify = events.get(0);
        assertThat(identify.distinctId()).isEqualTo("cus_42");
        assertThat(identify.uuid())
                .isEqualTo(UUID.fromString("adc3eb36-021e-5fa7-b9c4-11c2c8d5ae95"))
                .isEqualTo(PostHogEventMapper.identifyUuid("ord_2001"));
        assertThat(identify.timestamp()).isEqualTo(order().placedAt());
        assertThat(identify.properties())
                .containsEntry("$anon_distinct_id", VISITOR)
                .containsEntry("$session_id", SESSION)
                .containsEntry("$lib", "order-analytics-java");
        assertThat(events.get(1)).isEqualTo(DEFAULTS.orderPlaced(order(), customer));
        assertThat(LINKING.events(order(), customer)).isEqualTo(events); // the same again: PostHog collapses it
    }

    @Test
    void theBatchEntryOfALinkedOrderHoldsBothEventsAndTheOrdersUuid() {
        Identity customer = Identity.customer("cus_42").withBrowser(ANONYMOUS_BROWSER);

        EncodedEvent encoded = LINKING.encode(order(), customer);

        List<PostHogEvent> events = LINKING.events(order(), customer);
        assertThat(encoded.uuid()).isEqualTo(PostHogEventMapper.orderPlacedUuid("ord_2001"));
        assertThat(encoded.json())
                .isEqualTo(events.get(0).toJson() + "," + events.get(1).toJson());
    }

    @Test
    void linkingNeedsACustomerAnOrderAndABrowserIdPostHogCanMerge() {
        Refund refund = Refund.builder("ord_2001", "re_1", Money.of("5.00", "EUR"))
                .refundedAt(order().placedAt())
                .build();
        List<Identity> noLink = List.of(
                Identity.guest("jane@example.com").withBrowser(ANONYMOUS_BROWSER),
                Identity.anonymous("visitor_9").withBrowser(ANONYMOUS_BROWSER),
                Identity.customer("cus_42").withBrowser(BrowserContext.of("cus_42", SESSION)),
                Identity.customer("cus_42").withBrowser(BrowserContext.of(null, SESSION)),
                Identity.customer(VISITOR).withBrowser(ANONYMOUS_BROWSER),
                Identity.customer("cus_42"));

        for (Identity identity : noLink) {
            assertThat(LINKING.events(order(), identity)).as("%s", identity).hasSize(1);
        }
        assertThat(LINKING.events(refund, Identity.customer("cus_42").withBrowser(ANONYMOUS_BROWSER)))
                .hasSize(1);
        assertThat(DEFAULTS.events(order(), Identity.customer("cus_42").withBrowser(ANONYMOUS_BROWSER)))
                .as("off by default")
                .hasSize(1);
    }

    @Test
    void aBrowserIdShapedLikeAUuidButNotMadeByPostHogJsNeverCarriesAGuestsOrder() {
        // A shop whose customer ids are UUIDs (v4): a client sends one as its browser's distinct id
        String somebodysCustomerId = "3b241101-e2bb-4255-8caf-4136c566a962";
        Identity guest =
                Identity.guest("jane@example.com").withBrowser(BrowserContext.of(somebodysCustomerId, SESSION));

        assertThat(DEFAULTS.orderPlaced(order(), guest).distinctId()).isEqualTo(JANE_HASH);
        assertThat(DEFAULTS.orderPlaced(order(), guest).properties()).doesNotContainKey("guest_id");
        assertThat(LINKING.events(
                        order(),
                        Identity.customer("cus_42").withBrowser(BrowserContext.of(somebodysCustomerId, SESSION))))
                .extracting(PostHogEvent::event)
                .containsExactly("order_placed");
    }

    @Test
    void aVisitorIdIsTrustedOnlyWhenMadeBeforeTheEventGiveOrTakeTheBrowsersClock() {
        Instant placedAt = order().placedAt();
        String fourMinutesAhead = uuidV7At(placedAt.plus(Duration.ofMinutes(4)));
        String sixMinutesAhead = uuidV7At(placedAt.plus(Duration.ofMinutes(6)));
        String aYearBefore = uuidV7At(placedAt.minus(Duration.ofDays(365)));

        assertThat(DEFAULTS.orderPlaced(order(), guestFrom(fourMinutesAhead)).distinctId())
                .isEqualTo(fourMinutesAhead);
        assertThat(DEFAULTS.orderPlaced(order(), guestFrom(sixMinutesAhead)).distinctId())
                .isEqualTo(JANE_HASH);
        assertThat(DEFAULTS.orderPlaced(order(), guestFrom(aYearBefore)).distinctId())
                .isEqualTo(aYearBefore);
        assertThat(LINKING.events(
                        order(), Identity.customer("cus_42").withBrowser(BrowserContext.of(sixMinutesAhead, null))))
                .as("no link to a browser id made after the order")
                .hasSize(1);
    }

    @Test
    void aRefundMonthsLaterFromTheBackOfficeMeetsTheOrderUnderTheStoredVisitor() {
        Instant placedAt = Instant.parse("2026-06-01T12:00:00Z");
        String visitor = uuidV7At(Instant.parse("2025-07-01T08:00:00Z")); // posthog-js keeps its id a year
        Order order = order(placedAt);
        Identity atCheckout = Identity.guest("jane@example.com")
                .withBrowser(BrowserContext.of(visitor, uuidV7At(placedAt.minusSeconds(600))));
        String stored = atCheckout.browserDistinctId().orElseThrow(); // the one column the shop keeps
        Refund refund = Refund.builder("ord_2001", "re_1", Money.of("5.00", "EUR"))
                .refundedAt(Instant.parse("2026-10-01T09:00:00Z"))
                .build();
        Cancellation cancellation = Cancellation.builder("ord_2001")
                .cancelledAt(placedAt.plus(Duration.ofDays(2)))
                .build();
        Identity backOffice = Identity.guest("jane@example.com").withBrowserDistinctId(stored);

        PostHogEvent placed = DEFAULTS.orderPlaced(order, atCheckout);
        PostHogEvent refunded = DEFAULTS.orderRefunded(refund, backOffice);
        PostHogEvent cancelled = DEFAULTS.orderCancelled(cancellation, backOffice);

        assertThat(placed.distinctId()).isEqualTo(visitor);
        assertThat(List.of(refunded.distinctId(), cancelled.distinctId())).containsOnly(visitor);
        assertThat(refunded.properties()).containsEntry("guest_id", JANE_HASH).doesNotContainKey("$session_id");
        assertThat(Identity.guest("jane@example.com").withBrowserDistinctId(null))
                .as("no browser kept: the guest id, as for the order")
                .isEqualTo(Identity.guest("jane@example.com"));
    }

    private static Identity guestFrom(String browserId) {
        return Identity.guest("jane@example.com").withBrowser(BrowserContext.of(browserId, null));
    }

    private static String uuidV7At(Instant at) {
        String millis = String.format("%012x", at.toEpochMilli());
        return millis.substring(0, 8) + "-" + millis.substring(8) + "-7abc-9def-0123456789ab";
    }
}
