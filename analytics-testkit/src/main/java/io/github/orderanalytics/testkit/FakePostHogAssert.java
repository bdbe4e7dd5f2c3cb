package io.github.orderanalytics.testkit;

import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.PostHogEvent;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what a {@link FakePostHog} received and acknowledged; failures list every event
 * and request. The assertions on what was received fail first if an event broke one of PostHog's
 * capture rules, naming the rule: production would have lost or moved that event.
 *
 * @since 0.1.0
 */
public final class FakePostHogAssert extends AbstractAssert<FakePostHogAssert, FakePostHog> {

    FakePostHogAssert(FakePostHog actual) {
        super(actual, FakePostHogAssert.class);
    }

    /**
     * Checks that no event broke a rule by which real PostHog would drop or alter it (an illegal or
     * over-long distinct id, an event over 1 MB, a timestamp more than 23 hours ahead).
     */
    public FakePostHogAssert hasNoViolations() {
        isNotNull();
        List<RuleViolation> violations = actual.violations();
        if (!violations.isEmpty()) {
            failWithMessage(
                    "Expected every event to pass PostHog's capture rules, but %d did not:%n%s",
                    violations.size(), violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n")));
        }
        return this;
    }

    /** Finds the one delivered {@code order_placed} event for {@code orderId}, for further assertions on it. */
    public PostHogEventAssert receivedOrder(String orderId) {
        return new PostHogEventAssert(placed(orderId));
    }

    /** Finds the one delivered {@code order_refunded} event of refund {@code refundId} of {@code orderId}. */
    public PostHogEventAssert receivedRefund(String orderId, String refundId) {
        hasNoViolations();
        return new PostHogEventAssert(
                Find.one(actual.events(), OrderEvent.Kind.REFUNDED, orderId, refundId, "received"));
    }

    /** Finds the one delivered {@code order_cancelled} event for {@code orderId}. */
    public PostHogEventAssert receivedCancellation(String orderId) {
        hasNoViolations();
        return new PostHogEventAssert(Find.one(actual.events(), OrderEvent.Kind.CANCELLED, orderId, null, "received"));
    }

    /**
     * Checks that the placed order joined the browser's visitor and session in PostHog: {@link
     * #orderJoinedBrowserVisitor} and {@link #orderJoinedBrowserSession}. This is what a conversion
     * funnel from {@code $pageview} to {@code order_placed} needs.
     */
    public FakePostHogAssert orderJoinedBrowser(String orderId) {
        return orderJoinedBrowserVisitor(orderId).orderJoinedBrowserSession(orderId);
    }

    /**
     * Checks that the placed order is filed under a person the browser sent events as: its {@code
     * distinct_id} is one of the browser's, or a delivered {@code $identify} joins it to one (the
     * browser's own, after {@code identify()}, or the server's, with {@code linkBrowserToCustomer}).
     */
    public FakePostHogAssert orderJoinedBrowserVisitor(String orderId) {
        PostHogEvent order = placed(orderId);
        List<PostHogEvent> browser = actual.browserEvents();
        Set<String> browserIds = browser.stream().map(PostHogEvent::distinctId).collect(Collectors.toSet());
        boolean same = browserIds.contains(order.distinctId());
        boolean linked = Stream.concat(actual.events().stream(), browser.stream())
                .filter(e -> e.event().equals("$identify") && e.distinctId().equals(order.distinctId()))
                .anyMatch(e -> browserIds.contains(String.valueOf(e.properties().get("$anon_distinct_id"))));
        if (!same && !linked) {
            failWithMessage(
                    "Expected order %s (distinct_id <%s>) to join a browser visitor: the same distinct_id as"
                            + " the browser's events, or a $identify linking them, but the browser sent:%n  %s%n"
                            + "and the server: %s",
                    orderId,
                    order.distinctId(),
                    Describe.browserEvents(browser),
                    Describe.postHogEvents(actual.events()));
        }
        return this;
    }

    /** Checks that the placed order carries the {@code $session_id} of a session the browser sent events in. */
    public FakePostHogAssert orderJoinedBrowserSession(String orderId) {
        PostHogEvent order = placed(orderId);
        Object session = order.properties().get("$session_id");
        List<PostHogEvent> browser = actual.browserEvents();
        if (session == null
                || browser.stream().noneMatch(e -> session.equals(e.properties().get("$session_id")))) {
            failWithMessage(
                    "Expected order %s ($session_id <%s>) to join a session of the browser, but the browser sent:%n  %s",
                    orderId, session, Describe.browserEvents(browser));
        }
        return this;
    }

    /**
     * Checks that the order's refunds and cancellation were filed under the same person as the order:
     * the {@code distinct_id} of its {@code order_placed}. Only then does PostHog count them against
     * that visitor's revenue, funnel and experiment; a guest's order that joined the browser went under
     * the browser's id, so its refund, reported later without the browser, must carry that id too (keep
     * {@code identity.browserDistinctId()} with the order, and report with {@code withBrowserDistinctId}).
     */
    public FakePostHogAssert orderStayedWithOneVisitor(String orderId) {
        PostHogEvent order = placed(orderId);
        List<PostHogEvent> others = actual.events().stream()
                .filter(e -> orderId.equals(e.properties().get("order_id"))
                        && (e.event().equals(OrderEvent.Kind.REFUNDED.eventName())
                                || e.event().equals(OrderEvent.Kind.CANCELLED.eventName())))
                .toList();
        if (others.isEmpty()) {
            failWithMessage(
                    "Expected order %s to have a refund or cancellation, but the server sent: %s",
                    orderId, Describe.postHogEvents(actual.events()));
        }
        List<PostHogEvent> elsewhere = others.stream()
                .filter(e -> !e.distinctId().equals(order.distinctId()))
                .toList();
        if (!elsewhere.isEmpty()) {
            failWithMessage(
                    "Expected every event of order %s under its order_placed's distinct_id <%s>, but these"
                            + " went to another person: %s",
                    orderId, order.distinctId(), Describe.postHogEvents(elsewhere));
        }
        return this;
    }

    private PostHogEvent placed(String orderId) {
        hasNoViolations();
        return Find.one(actual.events(), OrderEvent.Kind.PLACED, orderId, null, "received");
    }

    /** Checks that exactly {@code count} events were delivered (answered with a 2xx). */
    public FakePostHogAssert receivedEventCount(int count) {
        hasNoViolations();
        if (actual.events().size() != count) {
            failWithMessage(
                    "Expected FakePostHog to have received %d event(s) but it received %d: %s%nrequests: %s",
                    count, actual.events().size(), Describe.postHogEvents(actual.events()), actual.requests());
        }
        return this;
    }

    /**
     * Checks that exactly these orders arrived placed, one {@code order_placed} event each, in any
     * order: no other order placed, no copies. Refunds and cancellations are checked with
     * {@link #receivedRefund} and {@link #receivedCancellation}, all events with {@link #receivedEventCount}.
     */
    public FakePostHogAssert receivedOnly(String... orderIds) {
        hasNoViolations();
        Find.exactlyPlaced(actual.events(), List.of(orderIds), "received");
        return this;
    }

    /** Checks that every request carried the API key {@code apiKey}. */
    public FakePostHogAssert allRequestsUsedApiKey(String apiKey) {
        isNotNull();
        List<CapturedRequest> requests = actual.requests();
        for (CapturedRequest r : requests) {
            if (!apiKey.equals(r.apiKey())) {
                failWithMessage("Expected every request to carry the expected API key, but %s did not", r);
            }
        }
        return this;
    }
}
