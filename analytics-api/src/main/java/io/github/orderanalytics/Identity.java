package io.github.orderanalytics;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who placed an order: a signed-in customer, a guest known by email, or an anonymous visitor.
 *
 * <pre>{@code
 * Identity.customer("cus_42");                  // the platform's customer id
 * Identity.guest("jane@example.com");           // guest checkout, by email
 * Identity.anonymous(browserDistinctId);       // no account, no email
 * Identity.guest("jane@example.com")            // optional: the browser it came from, so the order
 *         .withBrowser(BrowserContext.of(browserDistinctId, sessionId));   // joins its visitor and session
 * }</pre>
 *
 * <p>A guest's email is normalised (trimmed, lower-cased) when the identity is built, so
 * {@code " Jane@Example.com "} and {@code "jane@example.com"} are the same guest. How the
 * identity becomes a PostHog {@code distinct_id} is up to the implementation; the PostHog one
 * never sends a guest's email unless told to. {@link #toString()} masks the email.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Identity {
    /**
     * Longest email, after normalisation: RFC 5321 allows 254, but with {@code guestIdentity=EMAIL} the
     * email is the {@code distinct_id}, and PostHog refuses distinct ids over 200 characters.
     */
    public static final int MAX_EMAIL_LENGTH = 200;

    /**
     * Ids PostHog refuses as distinct ids, compared trimmed and case-insensitively: values that mean a bug
     * or a misconfiguration in the sender (PostHog's capture, {@code ILLEGAL_DISTINCT_IDS}).
     */
    static final Set<String> ILLEGAL_IDS = Set.of(
            "0",
            "00000000-0000-0000-0000-000000000000",
            "[object object]",
            "anonymous",
            "anonymous-user",
            "backend",
            "distinct_id",
            "distinctid",
            "email",
            "false",
            "guest",
            "id",
            "nan",
            "none",
            "not_authenticated",
            "null",
            "system",
            "true",
            "undefined",
            "user");

    /** The three ways an order can be attributed to a person. */
    public enum Kind {
        /** A signed-in customer, by the platform's customer id. */
        CUSTOMER,
        /** A guest checkout, by email. */
        GUEST,
        /** No account and no email: for example the browser's PostHog distinct id. */
        ANONYMOUS
    }

    private final Kind kind;
    private final String id;
    private final @Nullable BrowserContext browser;

    private Identity(Kind kind, String id, @Nullable BrowserContext browser) {
        this.kind = kind;
        this.id = id;
        this.browser = browser;
    }

    /** A signed-in customer, by the platform's customer id (at most {@value Order#MAX_ID_LENGTH} characters). */
    public static Identity customer(String customerId) {
        return new Identity(Kind.CUSTOMER, distinctId("customerId", customerId), null);
    }

    /**
     * A guest checkout identified by email. The email is normalised so that the same address always
     * makes the same guest: trimmed, lower-cased ({@code Locale.ROOT}), then put in Unicode NFC, so an
     * accent typed as one character or as a letter and a combining mark is the same address. (NFC, not
     * NFKC: compatibility folding would merge addresses that mail servers keep apart.)
     */
    public static Identity guest(String email) {
        Objects.requireNonNull(email, "email == null");
        if (email.length() > 4 * MAX_EMAIL_LENGTH) { // before any work on it
            throw new IllegalArgumentException("email must be at most " + MAX_EMAIL_LENGTH + " characters, was "
                    + email.length() + ": " + Text.quote(email));
        }
        String lower = email.trim().toLowerCase(Locale.ROOT);
        // Printable ASCII, as most emails are, is NFC already and has no invisible characters: one pass.
        String normalised = isPrintableAscii(lower) ? lower : unicode(lower, email);
        if (normalised.length() > MAX_EMAIL_LENGTH) {
            throw new IllegalArgumentException("email must be at most " + MAX_EMAIL_LENGTH + " characters, was "
                    + normalised.length() + ": " + Text.quote(email));
        }
        if (!looksLikeEmail(normalised)) {
            throw new IllegalArgumentException("email is not a valid address: " + Text.quote(email));
        }
        return new Identity(Kind.GUEST, normalised, null);
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** NFC, then refuses control, invisible (format), private-use and unassigned characters. */
    private static String unicode(String lower, String email) {
        String normalised = Normalizer.normalize(lower, Normalizer.Form.NFC);
        Text.requireWellFormed("email", normalised);
        for (int i = 0; i < normalised.length(); ) {
            int c = normalised.codePointAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL
                    || type == Character.FORMAT // zero-width and bidi marks: invisible, yet a different hash
                    || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED) {
                throw new IllegalArgumentException("email must not contain control or invisible characters ("
                        + Text.codePoint(c) + " at index " + i + "): " + Text.quote(email));
            }
            i += Character.charCount(c);
        }
        return normalised;
    }

    /** A visitor with no account and no email, for example by the browser's PostHog distinct id. */
    public static Identity anonymous(String anonymousId) {
        return new Identity(Kind.ANONYMOUS, distinctId("anonymousId", anonymousId), null);
    }

    static String distinctId(String field, String id) {
        Text.require(field, id, Order.MAX_ID_LENGTH);
        if (isIllegalId(id)) {
            throw new IllegalArgumentException(field + " " + Text.quote(id) + " is refused by PostHog as a"
                    + " distinct id: it is a placeholder that means a bug in the caller, not a person");
        }
        return id;
    }

    static boolean isIllegalId(String id) {
        return ILLEGAL_IDS.contains(id.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Deliberately simple, and without a regular expression on the hot path: one {@code @} with text
     * before it, no white space, and a domain of at least two non-empty dot-separated labels.
     * Deliverability is not our concern.
     */
    private static boolean looksLikeEmail(String s) {
        int at = s.indexOf('@');
        if (at <= 0 || s.indexOf('@', at + 1) >= 0) {
            return false;
        }
        int dots = 0;
        char previous = '@';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                return false;
            }
            if (i > at) {
                if (c == '.') {
                    if (previous == '.' || previous == '@') {
                        return false;
                    }
                    dots++;
                }
                previous = c;
            }
        }
        return dots > 0 && previous != '.';
    }

    /**
     * This identity with the browser the order came from, replacing any it had. How the two combine
     * into a PostHog event is up to the implementation; the PostHog one files a guest's order under
     * the browser's anonymous visitor, and never lets the browser change a customer's id.
     */
    public Identity withBrowser(BrowserContext browser) {
        return new Identity(kind, id, Objects.requireNonNull(browser, "browser == null"));
    }

    /**
     * This identity with the posthog-js session the order was placed in: short for {@code
     * withBrowser(BrowserContext.of(null, sessionId))}, keeping the browser's distinct id if it had one.
     *
     * @throws IllegalArgumentException if {@code sessionId} is not a UUIDv7
     */
    public Identity withSessionId(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId == null");
        String distinctId = browser == null ? null : browser.distinctId().orElse(null);
        return withBrowser(BrowserContext.of(distinctId, sessionId));
    }

    /**
     * This identity with the browser distinct id the shop kept with the order ({@link #browserDistinctId()}),
     * to report the order's refund or cancellation from where no browser is (a payment webhook, the back
     * office) under the same PostHog person as the order:
     *
     * <pre>{@code
     * // at checkout: keep one column with the order
     * order.setBrowserDistinctId(identity.browserDistinctId().orElse(null));
     * // months later, in a webhook
     * analytics.orderRefunded(refund, Identity.guest(order.email()).withBrowserDistinctId(order.browserDistinctId()));
     * }</pre>
     *
     * <p>Null, as a nullable column gives it back, means no browser was known: this identity is returned as
     * it is. A session this identity had is kept; the stored session is not worth keeping, as PostHog takes a
     * {@code $session_id} only within its 24 hours.
     *
     * @throws IllegalArgumentException if {@code distinctId} is blank, too long or a placeholder PostHog refuses
     * @since 0.1.0
     */
    public Identity withBrowserDistinctId(@Nullable String distinctId) {
        if (distinctId == null) {
            return this;
        }
        String session = browser == null ? null : browser.sessionId().orElse(null);
        String window = browser == null ? null : browser.windowId().orElse(null);
        return withBrowser(BrowserContext.of(distinctId, session, window));
    }

    /**
     * The browser's distinct id, if the browser is known and had one: what to keep with the order, so that
     * its refund and cancellation can be reported under the same person ({@link #withBrowserDistinctId}).
     *
     * @since 0.1.0
     */
    public Optional<String> browserDistinctId() {
        return browser == null ? Optional.empty() : browser.distinctId();
    }

    public Kind kind() {
        return kind;
    }

    /** The customer id, the guest's normalised email, or the anonymous id, as {@link #kind()} says. */
    public String id() {
        return id;
    }

    /** The browser the order came from, if it is known. */
    public Optional<BrowserContext> browser() {
        return Optional.ofNullable(browser);
    }

    /** The browser's session id, if the browser is known and had one. */
    public Optional<String> sessionId() {
        return browser == null ? Optional.empty() : browser.sessionId();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identity other
                && kind == other.kind
                && id.equals(other.id)
                && Objects.equals(browser, other.browser);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, browser);
    }

    /**
     * For example {@code guest(j***@example.com)}: a guest's email is masked, as logs should not hold it,
     * and so is a browser's identified distinct id (see {@link BrowserContext#toString()}). Characters that
     * could break or disguise a log line (line separators, bidi marks) are escaped.
     */
    @Override
    public String toString() {
        String shown = kind == Kind.GUEST ? Text.masked(id, id.indexOf('@')) : Text.forLog(id);
        return kind.name().toLowerCase(Locale.ROOT) + "(" + shown + (browser != null ? ", " + browser : "") + ")";
    }
}
