package io.github.orderanalytics.posthog;

/**
 * How a guest checkout's email becomes the PostHog {@code distinct_id}.
 *
 * @since 0.1.0
 */
public enum GuestIdentity {
    /**
     * The default: {@code "guest_"} and the lower-case hex SHA-256 of the normalised email, or its
     * HMAC-SHA256 when {@link PostHogConfigBuilder#guestIdKey(String) a guest-id key} is set.
     * The email itself appears nowhere in the request.
     */
    HASHED,
    /** The normalised email itself. Opt in only where sending it to PostHog is allowed. */
    EMAIL
}
