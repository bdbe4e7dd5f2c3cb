package io.github.orderanalytics.posthog.internal.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.EventSettings;
import io.github.orderanalytics.posthog.GuestIdentity;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How an identity, and the browser it came with, appears in an event: the {@code distinct_id}, {@code
 * identity_type}, {@code guest_id}, the personless flag, the session and window, and whether a {@code
 * $identify} goes with the order (README, "Identities" and "Conversion funnels"). A function of the
 * event and the identity alone, so a redelivery is the same event. Keeps a digest: one per writer.
 */
final class IdentityFields {
    /**
     * How long after its start a session still takes an event: posthog-js ends a session after 24 hours
     * at most, and PostHog keeps a {@code $session_id} only within that window.
     */
    static final Duration SESSION_WINDOW = Duration.ofHours(24);

    /**
     * How far the browser's clock may run ahead of the server's: the session's UUIDv7 holds the
     * browser's time, the order the server's, and a session that began a minute "after" the order is
     * a clock, not a fake.
     */
    static final Duration BROWSER_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final SerializedString F_IDENTITY_TYPE = new SerializedString("identity_type");
    private static final SerializedString F_GUEST_ID = new SerializedString("guest_id");
    private static final SerializedString F_PROCESS_PERSON_PROFILE = new SerializedString("$process_person_profile");
    private static final SerializedString F_SESSION_ID = new SerializedString("$session_id");
    private static final SerializedString F_WINDOW_ID = new SerializedString("$window_id");

    private final GuestIdentity guestIdentity;
    private final GuestIds guestIds;
    private final boolean linkBrowserToCustomer;

    IdentityFields(EventSettings settings) {
        this.guestIdentity = settings.guestIdentity();
        this.guestIds = GuestIds.create(settings.guestIdKey().orElse(null));
        this.linkBrowserToCustomer = settings.linkBrowserToCustomer();
    }

    /**
     * A customer's and an anonymous visitor's id as given; a guest's, the browser's anonymous visitor
     * when it is known, so the order joins the browsing in PostHog's funnels, else the guest id.
     */
    String distinctId(OrderEvent event, Identity identity) {
        if (identity.kind() != Identity.Kind.GUEST) {
            return identity.id();
        }
        String visitor = browserVisitor(event, identity);
        return visitor != null ? visitor : guestId(identity);
    }

    /** The identity's properties of an order event: its type, the guest id, the personless flag, the session. */
    void write(JsonGenerator g, OrderEvent event, Identity identity) throws IOException {
        g.writeFieldName(F_IDENTITY_TYPE);
        g.writeString(identityType(identity.kind()));
        if (identity.kind() == Identity.Kind.GUEST && browserVisitor(event, identity) != null) {
            g.writeFieldName(F_GUEST_ID);
            g.writeString(guestId(identity));
        }
        if (identity.kind() != Identity.Kind.CUSTOMER) {
            g.writeFieldName(F_PROCESS_PERSON_PROFILE);
            g.writeBoolean(false);
        }
        session(g, event, identity);
    }

    /**
     * The browser's session and window, when the session could hold this event: a UUIDv7 that started
     * at most 24 hours before it. A stale or future session is left out, not refused: PostHog would
     * file the order under a session that had ended.
     */
    void session(JsonGenerator g, OrderEvent event, Identity identity) throws IOException {
        BrowserContext browser = identity.browser().orElse(null);
        if (browser == null || browser.sessionId().isEmpty()) {
            return;
        }
        Instant start = browser.sessionStart().get();
        Instant at = event.occurredAt();
        if (at.isBefore(start.minus(BROWSER_CLOCK_SKEW)) || !at.isBefore(start.plus(SESSION_WINDOW))) {
            return;
        }
        g.writeFieldName(F_SESSION_ID);
        g.writeString(browser.sessionId().get());
        if (browser.windowId().isPresent()) {
            g.writeFieldName(F_WINDOW_ID);
            g.writeString(browser.windowId().get());
        }
    }

    /**
     * The browser id to join to the customer with a {@code $identify}, or null: only with {@code
     * linkBrowserToCustomer}, only for a placed order (one link per order, however many refunds follow),
     * only for a browser id that posthog-js made for an anonymous visitor before the order. PostHog
     * refuses to merge an identified id, and so do we.
     */
    @Nullable
    String browserToLink(OrderEvent event, Identity identity) {
        if (!linkBrowserToCustomer || identity.kind() != Identity.Kind.CUSTOMER || !(event instanceof Order)) {
            return null;
        }
        String browserId = browserVisitor(event, identity);
        return browserId == null || browserId.equals(identity.id()) ? null : browserId;
    }

    /** The guest id of the README: hash or HMAC of the email, or the email itself. */
    private String guestId(Identity guest) {
        return guestIdentity == GuestIdentity.HASHED ? guestIds.distinctId(guest.id()) : guest.id();
    }

    /**
     * The browser's distinct id if posthog-js made it for an anonymous visitor before the event: a UUIDv7
     * whose time is not after the event's (give or take {@link #BROWSER_CLOCK_SKEW}), however long before,
     * as posthog-js keeps its id a year and a refund may come months after the visit. Any other id is not
     * trusted: a shop's customer ids may be UUIDs, and a client must not file its order under one. Compared
     * with the event's time, not the clock's, so that the event is a function of its values alone; the
     * event's time is itself at most 23 hours ahead of the clock.
     */
    private static @Nullable String browserVisitor(OrderEvent event, Identity identity) {
        BrowserContext browser = identity.browser().orElse(null);
        if (browser == null) {
            return null;
        }
        Instant since = browser.anonymousSince().orElse(null);
        return since != null && !since.isAfter(event.occurredAt().plus(BROWSER_CLOCK_SKEW))
                ? browser.distinctId().get()
                : null;
    }

    private static String identityType(Identity.Kind kind) {
        switch (kind) {
            case CUSTOMER:
                return "customer";
            case GUEST:
                return "guest";
            default:
                return "anonymous";
        }
    }
}
