package io.github.orderanalytics;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who placed an order: a signed-in customer, a guest known by email, or an anonymous visitor.
 *
 * <pre>{@code
 * Identity.customer("cus_42");                  // the platform's customer id
 * Identity.guest("jane@example.com");           // guest checkout, by email
 * Identity.anonymous(browserDistinctId)         // no account, no email
 *         .withSessionId(browserSessionId);     // optional: joins the event to the web session
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
    /** Longest email, as RFC 5321 allows. */
    public static final int MAX_EMAIL_LENGTH = 254;

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
    private final String sessionId;

    private Identity(Kind kind, String id, String sessionId) {
        this.kind = kind;
        this.id = id;
        this.sessionId = sessionId;
    }

    /** A signed-in customer, by the platform's customer id (at most {@value Order#MAX_ID_LENGTH} characters). */
    public static Identity customer(String customerId) {
        return new Identity(Kind.CUSTOMER, Text.require("customerId", customerId, Order.MAX_ID_LENGTH), null);
    }

    /** A guest checkout identified by email. */
    public static Identity guest(String email) {
        Objects.requireNonNull(email, "email == null");
        String normalised = email.trim().toLowerCase(Locale.ROOT);
        if (normalised.length() > MAX_EMAIL_LENGTH || !looksLikeEmail(normalised)) {
            throw new IllegalArgumentException("email is not a valid address: " + Text.quote(email));
        }
        return new Identity(Kind.GUEST, normalised, null);
    }

    /** A visitor with no account and no email, for example by the browser's PostHog distinct id. */
    public static Identity anonymous(String anonymousId) {
        return new Identity(Kind.ANONYMOUS, Text.require("anonymousId", anonymousId, Order.MAX_ID_LENGTH), null);
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

    /** This identity with the web session the order was placed in, to join the server event to it. */
    public Identity withSessionId(String sessionId) {
        return new Identity(kind, id, Text.require("sessionId", sessionId, Order.MAX_ID_LENGTH));
    }

    public Kind kind() {
        return kind;
    }

    /** The customer id, the guest's normalised email, or the anonymous id, as {@link #kind()} says. */
    public String id() {
        return id;
    }

    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identity other
                && kind == other.kind
                && id.equals(other.id)
                && Objects.equals(sessionId, other.sessionId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, sessionId);
    }

    /** For example {@code guest(j***@example.com)}: a guest's email is masked, as logs should not hold it. */
    @Override
    public String toString() {
        String shown = kind == Kind.GUEST ? id.charAt(0) + "***" + id.substring(id.indexOf('@')) : id;
        return kind.name().toLowerCase(Locale.ROOT) + "(" + shown + (sessionId != null ? ", session " + sessionId : "")
                + ")";
    }
}
