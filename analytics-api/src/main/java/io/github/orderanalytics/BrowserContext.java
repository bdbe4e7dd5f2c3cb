package io.github.orderanalytics;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The browser an order came from, as posthog-js knows it: its distinct id, its session and its window.
 * Attached to an {@link Identity}, it lets a server-side order join the browser's visitor and session
 * in PostHog, so a conversion funnel ({@code $pageview} → checkout → {@code order_placed}) counts it.
 *
 * <pre>{@code
 * BrowserContext browser = BrowserContext.of(browserDistinctId, sessionId);   // either may be null
 * Identity buyer = Identity.guest("jane@example.com").withBrowser(browser);
 * }</pre>
 *
 * <p>Built by code with {@link #of}, it is strict: a malformed id is an {@link IllegalArgumentException}
 * naming the field. Built from what a browser sent (headers, cookies) with {@link #fromUntrusted}, it is
 * lenient: what is invalid is left out and nothing throws. Either way it is analytics context, never
 * authentication: the client controls it, so it never decides who a customer is.
 *
 * <p>The session and window ids are UUIDv7s, as posthog-js makes them and PostHog requires, kept in
 * lower case. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class BrowserContext {
    /** Longest value {@link #fromUntrusted} looks at: a UUID is 36, a distinct id at most {@value Order#MAX_ID_LENGTH}. */
    private static final int UNTRUSTED_LIMIT = Order.MAX_ID_LENGTH;

    /** 0 for an ASCII hex digit of either case, 1 for any other character below {@code 'g'}. */
    private static final byte[] HEX = new byte['f' + 1];

    static {
        for (int c = 0; c < HEX.length; c++) {
            HEX[c] = (byte) (c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' ? 0 : 1);
        }
    }

    private final @Nullable String distinctId;
    private final @Nullable String sessionId;
    private final @Nullable String windowId;

    private BrowserContext(@Nullable String distinctId, @Nullable String sessionId, @Nullable String windowId) {
        this.distinctId = distinctId;
        this.sessionId = sessionId;
        this.windowId = windowId;
    }

    /**
     * The browser's PostHog distinct id and session id, either of which may be null, not both.
     *
     * @throws IllegalArgumentException if both are null, the distinct id is blank, too long or a placeholder
     *     PostHog refuses, or the session id is not a UUIDv7
     */
    public static BrowserContext of(@Nullable String distinctId, @Nullable String sessionId) {
        return of(distinctId, sessionId, null);
    }

    /** As {@link #of(String, String)}, with the browser window's id (a UUIDv7, may be null). */
    public static BrowserContext of(
            @Nullable String distinctId, @Nullable String sessionId, @Nullable String windowId) {
        if (distinctId == null && sessionId == null) {
            throw new IllegalArgumentException("a browser context needs a distinctId or a sessionId, both were null");
        }
        if (windowId != null && sessionId == null) {
            throw new IllegalArgumentException("windowId needs a sessionId: a window belongs to a session");
        }
        return new BrowserContext(
                distinctId == null ? null : Identity.distinctId("distinctId", distinctId),
                sessionId == null ? null : requireUuidV7("sessionId", sessionId),
                windowId == null ? null : requireUuidV7("windowId", windowId));
    }

    /**
     * A context from what a browser sent, for example posthog-js's tracing headers: never throws. A
     * value that is missing, oversized, malformed or (for the session and window) not a UUIDv7 is left
     * out; a window without its session too. Empty when nothing usable is left.
     */
    public static Optional<BrowserContext> fromUntrusted(
            @Nullable String distinctId, @Nullable String sessionId, @Nullable String windowId) {
        String d = usableDistinctId(distinctId);
        String s = usableUuidV7(sessionId);
        String w = s == null ? null : usableUuidV7(windowId);
        return d == null && s == null ? Optional.empty() : Optional.of(new BrowserContext(d, s, w));
    }

    private static @Nullable String usableDistinctId(@Nullable String value) {
        if (value == null || value.isEmpty() || value.length() > UNTRUSTED_LIMIT) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty() || Text.firstUnprintable(trimmed) >= 0 || Identity.isIllegalId(trimmed)) {
            return null;
        }
        return trimmed;
    }

    private static @Nullable String usableUuidV7(@Nullable String value) {
        if (value == null || value.length() > UNTRUSTED_LIMIT) {
            return null;
        }
        String trimmed = value.strip();
        return isUuidV7(trimmed) ? lowerCaseUuid(trimmed) : null;
    }

    private static String requireUuidV7(String field, String value) {
        if (!isUuidV7(value)) {
            throw new IllegalArgumentException(field + " must be a UUIDv7 (PostHog ignores any other session id),"
                    + " like 0192f7a3-7c6e-7cc2-8c3a-3f3b0d6e9a41, was " + Text.quote(value));
        }
        return lowerCaseUuid(value);
    }

    /** Whether {@code s} is a UUID in its 36-character form: the shape posthog-js gives an anonymous visitor. */
    static boolean isUuid(String s) {
        // Segment by segment: one branch-free test a character, as this runs up to three times a checkout
        return s.length() == 36
                && s.charAt(8) == '-'
                && s.charAt(13) == '-'
                && s.charAt(18) == '-'
                && s.charAt(23) == '-'
                && isHex(s, 0, 8)
                && isHex(s, 9, 13)
                && isHex(s, 14, 18)
                && isHex(s, 19, 23)
                && isHex(s, 24, 36);
    }

    /** A UUID as PostHog writes it; {@code toLowerCase} would weigh each character's Unicode case. */
    private static String lowerCaseUuid(String uuid) {
        for (int i = 0; i < uuid.length(); i++) {
            char c = uuid.charAt(i);
            if (c >= 'A' && c <= 'F') {
                return uuid.toLowerCase(Locale.ROOT);
            }
        }
        return uuid;
    }

    private static boolean isHex(String s, int from, int to) {
        int bad = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            bad |= c < HEX.length ? HEX[c] : 1;
        }
        return bad == 0;
    }

    /** A UUID of version 7 and the RFC 9562 variant. */
    static boolean isUuidV7(String s) {
        return isUuid(s) && s.charAt(14) == '7' && "89abAB".indexOf(s.charAt(19)) >= 0;
    }

    /** The browser's PostHog distinct id: an anonymous UUID, or what the page passed to {@code identify()}. */
    public Optional<String> distinctId() {
        return Optional.ofNullable(distinctId);
    }

    /** The posthog-js session id, a lower-case UUIDv7. */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /** The posthog-js window (tab) id, a lower-case UUIDv7. */
    public Optional<String> windowId() {
        return Optional.ofNullable(windowId);
    }

    /**
     * Whether the distinct id is a UUIDv7, as posthog-js makes it for a visitor nobody identified.
     * Only such an id may carry a guest's order, and only one made before the order (see {@link
     * #anonymousSince()}): any other could be somebody's customer id, typed in.
     */
    public boolean hasAnonymousDistinctId() {
        return distinctId != null && isUuidV7(distinctId);
    }

    /**
     * When posthog-js made the distinct id for an anonymous visitor: the time in its UUIDv7, to the
     * millisecond. Empty when the distinct id is not a UUIDv7 (an identified visitor, or an id made
     * elsewhere). A visitor's id made after the event it would carry was not the visitor's then.
     *
     * @since 0.1.0
     */
    public Optional<Instant> anonymousSince() {
        String id = distinctId;
        return id != null && isUuidV7(id) ? Optional.of(uuidV7Time(id)) : Optional.empty();
    }

    /** When the session started: the time in its UUIDv7, to the millisecond. */
    public Optional<Instant> sessionStart() {
        String id = sessionId;
        return id == null ? Optional.empty() : Optional.of(uuidV7Time(id));
    }

    /** The 48-bit Unix millisecond time at the front of a UUIDv7. */
    private static Instant uuidV7Time(String uuid) {
        long millis = Long.parseLong(uuid.substring(0, 8) + uuid.substring(9, 13), 16);
        return Instant.ofEpochMilli(millis);
    }

    /** This context with the browser window's id (a UUIDv7); it needs a session. */
    public BrowserContext withWindowId(String windowId) {
        Objects.requireNonNull(windowId, "windowId == null");
        return of(distinctId, sessionId, windowId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrowserContext other
                && Objects.equals(distinctId, other.distinctId)
                && Objects.equals(sessionId, other.sessionId)
                && Objects.equals(windowId, other.windowId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(distinctId, sessionId, windowId);
    }

    /**
     * For example {@code browser(0192f7a3-..., session 0192f7a3-...)}. A distinct id that posthog-js did
     * not make for an anonymous visitor is what the page passed to {@code identify()}, often an email,
     * and shows masked ({@code browser(j***)}); what could break a log line is escaped.
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("browser(");
        if (distinctId != null) {
            b.append(isUuid(distinctId) ? distinctId : Text.masked(distinctId, distinctId.length()));
        }
        if (sessionId != null) {
            b.append(distinctId != null ? ", " : "").append("session ").append(sessionId);
        }
        if (windowId != null) {
            b.append(", window ").append(windowId);
        }
        return b.append(')').toString();
    }
}
