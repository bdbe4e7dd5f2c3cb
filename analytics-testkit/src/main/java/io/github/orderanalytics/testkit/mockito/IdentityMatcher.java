package io.github.orderanalytics.testkit.mockito;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Identity;
import java.util.Objects;
import java.util.Optional;

/**
 * Matches an {@link Identity} by its kind and id, whatever browser context it carries unless you name
 * one.
 *
 * <pre>{@code
 * verify(analytics).orderPlaced(any(), argThat(aCustomer("cus_42")));
 * verify(analytics).orderPlaced(any(), argThat(aGuest("jane@example.com").withSessionId(sessionId)));
 * }</pre>
 *
 * <p>The id is checked, and normalised, as {@link Identity} does it (a guest's email is lower-cased),
 * when the matcher is built. Obtain one from {@link OrderMatchers}.
 *
 * @since 0.1.0
 */
public final class IdentityMatcher extends ExpectationMatcher<Identity, IdentityMatcher> {
    private IdentityMatcher(Expectations<Identity> expected) {
        super(expected, IdentityMatcher::new);
    }

    static IdentityMatcher of(Identity identity) {
        String kind = switch (identity.kind()) {
            case CUSTOMER -> "a customer ";
            case GUEST -> "a guest ";
            case ANONYMOUS -> "an anonymous visitor ";
        };
        return new IdentityMatcher(Expectations.of(
                kind + identity.id(), i -> i.kind() == identity.kind() && i.id().equals(identity.id())));
    }

    /** The browser session the order joins, a UUIDv7 as posthog-js makes it. */
    public IdentityMatcher withSessionId(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId == null");
        return and("session " + sessionId, i -> i.sessionId().equals(Optional.of(sessionId)));
    }

    /** The browser's own PostHog distinct id, as read from its headers or cookie. */
    public IdentityMatcher withBrowserDistinctId(String distinctId) {
        Objects.requireNonNull(distinctId, "distinctId == null");
        return and(
                "browser distinct id " + distinctId,
                i -> i.browser().flatMap(BrowserContext::distinctId).equals(Optional.of(distinctId)));
    }

    /** No browser context at all. */
    public IdentityMatcher withoutBrowser() {
        return and("no browser context", i -> i.browser().isEmpty());
    }
}
